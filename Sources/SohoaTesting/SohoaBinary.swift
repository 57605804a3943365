import Foundation

/// The `sohoa` command built beside the tests (`swift build --build-tests` builds it).
public enum SohoaBinary {
    public static let url = packageRoot.appendingPathComponent(".build/debug/sohoa")

    /// The folder of Package.swift.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether every folder above the binary lets other users through (it is not under a
    /// private home folder), so it can be run as an unprivileged user.
    public static var isReachableByAnyUser: Bool {
        var folder = url.resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            var info = stat()
            guard stat(folder.path, &info) == 0, info.st_mode & 0o001 != 0 else { return false }
            folder.deleteLastPathComponent()
        }
        return true
    }

    /// Starts it in the background, its output discarded: for a test that kills it, stops
    /// it or waits for it while it watches the archive.
    public static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs it to the end; `user` (a uid) runs it through setpriv as that user.
    public static func run(_ arguments: [String], as user: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", url.path] + arguments
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
