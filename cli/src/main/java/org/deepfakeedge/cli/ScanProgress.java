package org.deepfakeedge.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.deepfakeedge.scan.ScanJob;
import org.deepfakeedge.scan.ScanResult;

/**
 * Scan progress on stderr, in {@link ConsoleProgress}'s style: a live bar (files, files/s, ETA) on
 * a terminal, a plain line every 10 seconds otherwise; every file that could not be scanned is one
 * {@code error:} line either way.
 */
final class ScanProgress implements ScanJob.Listener {
    private static final long PLAIN_EVERY_NANOS = 10_000_000_000L;
    private final PrintWriter err;
    private final boolean interactive = ConsoleProgress.interactive();
    private ProgressBar bar;
    private long total = -1;
    private long start;
    private long lastPlain;

    ScanProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onStart(long total, int alreadyFinished) {
        this.total = total;
        start = System.nanoTime();
        lastPlain = start;
        if (alreadyFinished > 0) {
            err.printf(
                    Locale.ROOT,
                    "resuming: %d files already in the output are not scanned again%n",
                    alreadyFinished);
            err.flush();
        }
        if (interactive) {
            bar = ConsoleProgress.bar("scan", Math.max(total, 0), " files");
        }
    }

    @Override
    public void onFile(ScanResult r, boolean skipped, long done) {
        if (r != null && r.failed()) {
            err.println("error: " + r.path() + ": " + r.error());
            err.flush();
        }
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        long now = System.nanoTime();
        if (now - lastPlain >= PLAIN_EVERY_NANOS) {
            lastPlain = now;
            double rate = done / ((now - start) / 1e9);
            String eta =
                    total > 0 && rate > 0
                            ? String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate)
                            : "";
            err.printf(
                    Locale.ROOT,
                    "scan: %d%s files, %.1f files/s%s%n",
                    done,
                    total >= 0 ? "/" + total : "",
                    rate,
                    eta);
            err.flush();
        }
    }

    /** Closes the bar (before the summary line). */
    void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
