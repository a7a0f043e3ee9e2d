import SurveyCore

extension AssessmentResult {
    /// A readable Thai/English table of the result; numbers first, so Thai text needs no column alignment.
    var table: String {
        var lines = [
            "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. \(year) / ITA result, fiscal year \(year)",
            "ประเภทหน่วยงาน / agency kind: \(settings.kind.label.bilingual)",
        ]
        for part in [iit, eit] {
            lines.append("")
            lines.append(part.form.title.bilingual)
            let minimum = part.minimum.map(String.init) ?? "—"
            let population = part.population.map(String.init) ?? "—"
            lines.append(
                "  ผู้ตอบ / responses \(part.responses) · ขั้นต่ำ / minimum \(minimum) (\(part.rule.name.bilingual))"
                    + " · ประชากร / population \(population)")
            for indicator in part.score.indicators {
                lines.append(
                    "  \(pad(indicator.score))  ตัวชี้วัดที่ \(indicator.indicator.number) \(indicator.indicator.name.bilingual)"
                )
                for item in part.score.items where item.item.indicator == indicator.indicator.number {
                    lines.append("      \(pad(item.score))  \(item.item.id) \(item.item.topic.th)")
                }
            }
            lines.append("  \(pad(part.score.score))  คะแนน \(part.form.rawValue.uppercased()) / score")
            for eitPart in part.score.parts {
                lines.append("  \(pad(eitPart.score))  คะแนน \(eitPart.name.th) / \(eitPart.name.en) score")
            }
            for table in part.profileTables {
                let header = table.genders.map(\.label.th).joined(separator: " / ")
                lines.append("  \(table.dimension.label.bilingual) × เพศ / gender (\(header))")
                for row in table.rows {
                    let counts = row.counts.map { String($0) }.joined(separator: " / ")
                    lines.append("      \(counts)  \(row.category.label.th)")
                }
            }
        }
        lines.append("")
        lines.append("  \(pad(settings.oit))  OIT")
        lines.append("  \(pad(total))  คะแนนรวม / total (IIT 30% + EIT 30% + OIT 40%)")
        lines.append("  ระดับผลการประเมิน / level: \(level?.name.bilingual ?? "— (ต้องมีคะแนน OIT / needs the OIT score)")")
        lines.append("")
        lines.append("อันดับตัวชี้วัด / indicators ranked:")
        for indicator in analysis.ranking {
            let mark = analysis.strengths.contains(indicator) ? "จุดแข็ง / strength" : "จุดที่ต้องพัฒนา / to improve"
            lines.append(
                "  \(pad(indicator.score))  \(indicator.indicator.number) \(indicator.indicator.name.th) — \(mark)")
            for item in analysis.weakItems[indicator.indicator.number] ?? [] {
                lines.append("      \(pad(item.score))  \(item.item.id) \(item.item.topic.bilingual)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ score: Rational?) -> String {
        let text = score?.formatted ?? "—"
        return String(repeating: " ", count: max(0, 6 - text.count)) + text
    }
}
