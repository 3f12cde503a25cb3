import Foundation
import FuzzTargets

/// libFuzzer's entry point (built by scripts/fuzz with -sanitize=fuzzer -DFUZZING).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrame(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FrameFuzzing.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
/// SwiftPM links an executable's entry point as `<product>_main`; hand it to libFuzzer's driver.
@_cdecl("frame_fuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzzFrame)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#else
/// Without libFuzzer: runs the inputs in the files or folders given (a corpus, a
/// crash to reproduce) once each.
@main
struct FrameFuzzReplay {
    static func main() throws {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            for file in try inputFiles(path) {
                FrameFuzzing.run(Array(try Data(contentsOf: file)))
                count += 1
            }
        }
        print("frame-fuzz: \(count) inputs ran clean")
    }

    static func inputFiles(_ path: String) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [URL(fileURLWithPath: path)] }
        return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            .map { URL(fileURLWithPath: path).appendingPathComponent($0) }
    }
}
#endif
