import Foundation

/// What the fuzz executables share besides their target: libFuzzer's driver for
/// fuzzing builds, and a replay of files for ordinary ones.
public enum FuzzDriver {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    #if FUZZING
        /// Hands control to libFuzzer (the build links it with -sanitize=fuzzer).
        public static func libFuzzer(
            _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ test: TestOneInput
        ) -> CInt {
            var argc = argc
            var argv = argv
            return LLVMFuzzerRunDriver(&argc, &argv, test)
        }
    #endif

    /// Runs `target` once on each file given, or on each file of each folder given.
    public static func replay(_ name: String, _ target: ([UInt8]) -> Void) throws {
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            for file in try inputFiles(path) {
                target(Array(try Data(contentsOf: file)))
                count += 1
            }
        }
        print("\(name): \(count) inputs ran clean")
    }

    static func inputFiles(_ path: String) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [URL(fileURLWithPath: path)] }
        return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            .map { URL(fileURLWithPath: path).appendingPathComponent($0) }
    }
}

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    private func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ test: FuzzDriver.TestOneInput
    ) -> CInt
#endif
