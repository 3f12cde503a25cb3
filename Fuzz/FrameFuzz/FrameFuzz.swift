import FuzzTargets

/// libFuzzer calls this with each input (scripts/fuzz builds with -sanitize=fuzzer -DFUZZING).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrame(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FrameFuzzing.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
    /// SwiftPM links an executable's entry point as `<product>_main`.
    @_cdecl("frame_fuzz_main")
    public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        FuzzDriver.libFuzzer(argc, argv, fuzzFrame)
    }
#else
    /// Without libFuzzer: runs the files or folders given (a corpus, a crash to reproduce).
    @main
    struct FrameFuzzReplay {
        static func main() throws { try FuzzDriver.replay("frame-fuzz", FrameFuzzing.run) }
    }
#endif
