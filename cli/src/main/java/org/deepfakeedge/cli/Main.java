package org.deepfakeedge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.train.TrainingDivergedException;
import picocli.CommandLine;

/** Entry point of the {@code deepfake-edge} command; the only place that calls System.exit. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } finally {
            // commands print through picocli's writers; print() does not flush on its own
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /**
     * Builds the configured command line. Commands print through its writers ({@code
     * getOut()}/{@code getErr()}, standard output and error unless a caller sets others), so a test
     * or an embedding captures output with {@code setOut}/{@code setErr}.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RootCommand());
        // set on the root, they reach every subcommand
        cl.setOut(new PrintWriter(System.out, true));
        cl.setErr(new PrintWriter(System.err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    /** Prints one clear error line (no stack trace for user errors) and maps it to an exit code. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code;
        String msg = e.getMessage();
        if (e instanceof InvalidInputException) {
            code = ExitCodes.INVALID_INPUT;
        } else if (e instanceof ArtifactException) {
            code = ExitCodes.PRECONDITION;
        } else if (e instanceof TrainingDivergedException
                || e instanceof org.deepfakeedge.export.ExportException
                || e instanceof IOException
                || e instanceof UncheckedIOException) {
            code = ExitCodes.FAILED;
        } else {
            code = ExitCodes.INTERNAL;
            msg =
                    "internal error ("
                            + e.getClass().getSimpleName()
                            + "): "
                            + msg
                            + " — please report it with the command you ran; stack trace follows";
        }
        err.println(cl.getColorScheme().errorText("error: " + msg));
        if (code == ExitCodes.INTERNAL || Boolean.getBoolean("deepfake-edge.trace")) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
