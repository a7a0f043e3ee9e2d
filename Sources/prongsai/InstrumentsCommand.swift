import ArgumentParser
import SurveyCore

/// `prongsai instruments`: the instrument sets a round may pick, as `round open … --instruments` takes them.
struct InstrumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instruments",
        abstract: "List the instrument sets (IIT and EIT of one version) a round may pick with --instruments.")

    @OptionGroup var webForms: WebFormsOptions

    func run() throws {
        let catalog = try webForms.catalog()
        for set in catalog.sets {
            print(Self.line(set))
        }
    }

    /// One set: its version, first year, answer count per form, scales, and whether it is only an example.
    static func line(_ set: InstrumentSet) -> String {
        let forms = FormKind.allCases.map { form in
            let instrument = set.instrument(form)
            let scales = Set(instrument.fields.map { "\($0.scale.options.count)" }).sorted().joined(separator: "/")
            return "\(form.rawValue.uppercased()) \(instrument.items.count) items, \(instrument.fields.count) answers,"
                + " \(scales)-option scales"
        }
        let kind =
            set.isExample
            ? "example structure, not official wording / ตัวอย่างโครงสร้าง ไม่ใช่ถ้อยคำทางการ"
            : "from fiscal year \(set.iit.fromYear) / ใช้ตั้งแต่ปีงบประมาณ \(set.iit.fromYear)"
        return "\(set.version)\t\(kind)\t" + forms.joined(separator: "; ")
    }
}
