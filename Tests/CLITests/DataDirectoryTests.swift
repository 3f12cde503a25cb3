import Foundation
import TestSupport
import Testing

/// A data directory that cannot be used fails at start, naming the path and why.
/// Tests run as root, who may write anywhere writable at all, so the directory
/// here lies under a regular file: creating it fails with ENOTDIR for anyone.
@Suite("Unusable data directories", .serialized, .timeLimit(.minutes(1)))
struct DataDirectoryTests {
    private func blockingFile() throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-file-\(UUID().uuidString)")
        try Data("not a directory".utf8).write(to: file)
        return file
    }

    @Test("a service whose data directory lies under a file says which path and why")
    func service() async throws {
        let file = try blockingFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let data = file.appendingPathComponent("data").path
        let run = try await CommandRun.run(
            "staff", [], environment: ["GLIMLACH_DATA_DIR": data, "GLIMLACH_BUS_ENDPOINT": try freeEndpoint()])
        #expect(run.status != 0)
        #expect(
            (run.output + run.errors).contains(
                "data directory \(data): cannot create it: \(file.path) is a file, not a directory"),
            "\(run.output)\(run.errors)")
    }

    @Test("glimlach up refuses such a data directory before it starts anything")
    func up() async throws {
        let file = try blockingFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let data = file.appendingPathComponent("data").path
        let run = try await CommandRun.run(
            "glimlach", ["up", "--data-dir", data, "--compose", StackCommandTests.composeFile, "--metrics-port", "0"])
        #expect(run.status == 1)
        #expect(run.errors.contains("data directory \(data)/"), "\(run.errors)")
        #expect(run.errors.contains("cannot create it: \(file.path) is a file, not a directory"))
        #expect(!run.output.contains("is serving"))
    }
}
