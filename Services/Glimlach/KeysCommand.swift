import ArgumentParser
import Bus
import Foundation
import Stack

/// `glimlach keys generate NAME...`: CURVE key pairs for the broker and its peers.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate CURVE key pairs for the bus and its peers.",
        discussion: """
            Writes NAME.key (both keys, mode 600) and NAME.pub (public key only) per name, and prints an \
            access-list line for each with no rights yet: add only the serve=/call= rights the process \
            needs. With --compose it writes a pair for the bus and every service of the compose file and \
            the access list (OUT/access-list) from their x-glimlach-rights, plus `glimlach` (call=*). Give \
            the broker its own pair with --curve-key and the list with --access-list; give every other \
            process its .key as GLIMLACH_CURVE_KEY and the broker's .pub as GLIMLACH_BUS_PUBLIC_KEY. See \
            SECURITY.md.
            """,
        subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write NAME.key and NAME.pub for each name.")

        @Argument(help: "Names, e.g. bus staff tickets glimlach.") var names: [String] = []
        @Option(help: "Directory for the key files.") var out = "keys"
        @Option(help: "A compose file: keys for all its processes and the access list from their rights.")
        var compose: String?
        @Flag(help: "Replace existing key files.") var force = false

        func validate() throws {
            guard !names.isEmpty || compose != nil else {
                throw ValidationError("name at least one key pair to generate, or give --compose")
            }
            for name in names
            where name.isEmpty || name.contains(where: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "_" }) {
                throw ValidationError("'\(name)' is not a key name: use letters, digits, - and _")
            }
        }

        func run() throws {
            let directory = URL(fileURLWithPath: out)
            if let compose {
                let definition = try StackDefinition(contentsOf: URL(fileURLWithPath: compose))
                try refuseOverwriting(["bus"] + definition.accessRights.map(\.name) + ["access-list"], in: directory)
                let keys = try StackKeys.generate(for: definition, in: directory)
                print(keys.access.text, terminator: "")
                return
            }
            try refuseOverwriting(names, in: directory)
            for name in names {
                let keys = try KeyFile.generate(name: name, in: directory)
                // No rights until the operator adds the few the process needs.
                print("\(name)  \(keys.publicKey)")
            }
        }

        private func refuseOverwriting(_ names: [String], in directory: URL) throws {
            for name in names {
                let file = directory.appendingPathComponent(name == "access-list" ? name : "\(name).key").path
                guard force || !FileManager.default.fileExists(atPath: file) else {
                    printError("\(file) exists; --force replaces it")
                    throw ExitCode(1)
                }
            }
        }
    }
}
