import Foundation

/// Debian's Tesseract runs its LSTM with OpenMP. With one engine per core, OpenMP's own
/// threads oversubscribe the CPU and a page takes 4–5× longer (native-libraries-notes §1).
/// libgomp reads `OMP_THREAD_LIMIT` once, when it is loaded — before `main` — so the
/// limit must be in the environment at process start.
public enum OpenMP {
    /// The thread limit libgomp actually uses (nil if libgomp is not loaded).
    ///
    /// Asks the library itself rather than the environment, so a check sees whether the
    /// limit holds, not only whether someone set the variable.
    public static var threadLimit: Int? {
        guard let handle = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(handle, "omp_get_thread_limit") else { return nil }
        typealias Function = @convention(c) () -> Int32
        return Int(unsafeBitCast(symbol, to: Function.self)())
    }

    /// Re-executes the current process with `OMP_THREAD_LIMIT=1` when it is not already set.
    ///
    /// Call first thing in `main`. Returns only when no re-exec was needed (or possible).
    public static func reexecWithSingleThreadLimitIfNeeded() {
        guard getenv("OMP_THREAD_LIMIT") == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // execv returned: run on, slower, rather than not at all.
    }
}
