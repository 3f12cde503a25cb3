import ArgumentParser
import Bus
import Foundation

/// Runs `body` with a client of `options.bus`, closing it afterwards. An `RPCError`
/// prints its status and message and exits with 1, as does a bus that is not there.
func withClient<T>(_ options: BusOptions, _ body: (BusClient) async throws -> T) async throws -> T {
    try options.requireListener()
    let client = BusClient(endpoint: options.bus, defaultTimeout: options.timeoutDuration)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch let error as RPCError {
        await client.close()
        printError("\(error.code.description): \(error.message)")
        throw ExitCode(1)
    } catch {
        await client.close()
        throw error
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// Pads each column to its widest cell.
func table(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}
