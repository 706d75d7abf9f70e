package org.deepfakeedge.cli;

/** The process exit codes, in one place (picocli's defaults for 0/1/2). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;

    /** The run failed: I/O error, training diverged. */
    public static final int FAILED = 1;

    /** Invalid input or usage: bad option, bad data, bad spec. */
    public static final int INVALID_INPUT = 2;

    /** A precondition was not met: missing, corrupt or incompatible artifact. */
    public static final int PRECONDITION = 3;

    /** A bug: an unexpected internal error. */
    public static final int INTERNAL = 4;

    private ExitCodes() {}
}
