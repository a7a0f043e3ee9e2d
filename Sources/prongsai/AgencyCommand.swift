import ArgumentParser
import Foundation
import SurveyCore
import SurveyStore
import SurveyWeb

/// `prongsai agency`: the agencies a server hosts.
struct AgencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "Add, list, archive and unarchive hosted agencies.",
        subcommands: [Add.self, List.self, Archive.self, Unarchive.self])

    /// `prongsai agency add SLUG --name-th …`
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an agency.")

        @Argument(help: "Short name used in its addresses, e.g. nongbua (lowercase letters, digits, dashes).")
        var slug: String

        @Option(help: "Name in Thai, e.g. \"องค์การบริหารส่วนตำบลหนองบัว\" (at most \(Agency.nameLimit) characters).")
        var nameTh: String

        @Option(help: "Name in English (default: the Thai name; at most \(Agency.nameLimit) characters).")
        var nameEn: String?

        @Option(help: "Agency kind: \(AgencyKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: AgencyKind = .other

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let database = try store.open()
            let name = nameTh.trimmingCharacters(in: .whitespaces)
            let agency = try await storeWork {
                try await database.addAgency(
                    slug: slug, nameTh: name, nameEn: nameEn ?? name, kind: kind, reservedSlugs: SiteURL.reservedSlugs,
                    by: "cli")
            }
            print("added \(agency.slug): \(agency.nameTh) (\(agency.kind.label.th))")
        }
    }

    /// `prongsai agency list`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agencies.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            for agency in try await store.open().agencies(includingArchived: true) {
                print(
                    "\(agency.slug)\t\(agency.kind.rawValue)\t\(agency.nameTh)" + (agency.archived ? "\tarchived" : ""))
            }
        }
    }

    /// `prongsai agency archive SLUG`
    struct Archive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Archive an agency: hidden from lists and public pages, its rounds kept, no new round.")

        @Argument(help: "The agency's slug.")
        var slug: String

        @OptionGroup var store: StoreOptions

        func run() async throws { try await setArchived(slug, true, store: store) }
    }

    /// `prongsai agency unarchive SLUG`
    struct Unarchive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bring an archived agency back.")

        @Argument(help: "The agency's slug.")
        var slug: String

        @OptionGroup var store: StoreOptions

        func run() async throws { try await setArchived(slug, false, store: store) }
    }
}

/// Archives an agency or brings it back from the command line, and says which.
private func setArchived(_ slug: String, _ archived: Bool, store: StoreOptions) async throws {
    let database = try store.open()
    try await storeWork { try await database.setAgencyArchived(slug: slug, archived, by: "cli") }
    print("\(archived ? "archived" : "unarchived") \(slug)")
}
