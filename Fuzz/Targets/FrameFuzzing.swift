@testable import Bus
import Logging
import ZeroMQ

/// Fuzzing the broker's frame handling: the input is cut into messages from a few
/// peers (0xFF 0xFE separates frames, 0xFF 0xFD messages; the first byte of a
/// message picks its sender) and fed to the broker's state machine with clock
/// ticks in between. Nothing may crash, and the state must stay consistent.
public enum FrameFuzzing {
    static let logger: Logger = {
        var logger = Logger(label: "fuzz")
        logger.logLevel = .critical
        return logger
    }()

    public static func run(_ input: [UInt8]) {
        var configuration = BrokerConfiguration()
        configuration.heartbeatIntervalMs = 100
        configuration.maxQueuePerService = 8
        var state = BrokerState(configuration: configuration, logger: logger, now: 0)
        var now: Int64 = 0
        for message in messages(input) {
            state.receive(message, now: now)
            now += 37
            state.tick(now: now)
            _ = state.takeOutbox()
        }
        state.tick(now: now + 60_000)
        _ = state.takeOutbox()
        let listing = state.listing()
        for service in listing.services {
            precondition(service.idle_slots <= service.capacity, "\(service.name): more idle slots than capacity")
        }
    }

    /// Messages of `[sender] + frames`.
    public static func messages(_ input: [UInt8]) -> [Multipart] {
        var messages: [Multipart] = []
        var frames: Multipart = []
        var frame: [UInt8] = []
        var index = 0
        func endMessage() {
            frames.append(frame)
            frame = []
            if let head = frames.first?.first {
                messages.append([[UInt8(ascii: "p"), head % 4]] + [Array(frames[0].dropFirst())] + frames.dropFirst())
            }
            frames = []
        }
        while index < input.count {
            if input[index] == 0xFF, index + 1 < input.count, input[index + 1] == 0xFE {
                frames.append(frame)
                frame = []
                index += 2
            } else if input[index] == 0xFF, index + 1 < input.count, input[index + 1] == 0xFD {
                endMessage()
                index += 2
            } else {
                frame.append(input[index])
                index += 1
            }
        }
        endMessage()
        return messages
    }
}
