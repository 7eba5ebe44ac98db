import Glibc
import Synchronization

/// Process-wide handlers that give the terminal back before the process dies.
public enum TerminalGuard {
    /// Signals that end the process: restore, then re-raise with the default action.
    private static let terminating: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    /// Faults (Swift traps arrive as SIGILL or SIGTRAP): same, on an alternate stack so that a
    /// stack overflow can still be handled.
    private static let fatal: [Int32] = [SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP]
    private static let alternateStackSize = 64 * 1024
    private static let installed = Atomic<Bool>(false)

    /// Installs SIGTERM/SIGHUP/SIGINT/SIGQUIT and fault (SIGSEGV/SIGBUS/SIGABRT/SIGILL/SIGFPE/SIGTRAP)
    /// handlers, plus an `atexit` hook, that restore the open terminal's termios and write its
    /// reset sequences, then let the signal take its default action (so the exit status shows it).
    ///
    /// Call from the main thread, before or after `Terminal.open`; later calls do nothing.
    /// The alternate stack is the calling thread's, so a stack overflow on another thread is not caught.
    /// ncurses keeps its own SIGWINCH and SIGTSTP handling.
    public static func install() {
        guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        TTYRestore.prepare()
        installAlternateStack()

        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            TTYRestore.restore()
            // Re-raised while blocked in this handler: delivered with the default action on return.
            // For a fault the instruction also re-executes and faults again under SIG_DFL.
            _ = Glibc.signal(signal, SIG_DFL)
            _ = raise(signal)
        }
        sigemptyset(&action.sa_mask)
        for signal in terminating + fatal {
            sigaddset(&action.sa_mask, signal)
        }
        for signal in terminating {
            action.sa_flags = 0
            _ = sigaction(signal, &action, nil)
        }
        for signal in fatal {
            action.sa_flags = SA_ONSTACK
            _ = sigaction(signal, &action, nil)
        }
        _ = atexit { TTYRestore.restore() }
    }

    /// Gives fault handlers a stack of their own (once; the memory lives as long as the process).
    private static func installAlternateStack() {
        var current = stack_t()
        _ = sigaltstack(nil, &current)
        guard current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: alternateStackSize, alignment: 16)
        stack.ss_size = alternateStackSize
        stack.ss_flags = 0
        _ = sigaltstack(&stack, nil)
    }
}
