package org.deepfakeedge.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deepfakeedge.train.EpochRecord;
import org.deepfakeedge.train.TrainListener;

/**
 * Training progress on stderr: a live bar (loss, accuracy, images/s, ETA) on a terminal, one plain
 * line per epoch otherwise (logs, CI).
 */
final class ConsoleProgress implements TrainListener {
    private final PrintStream err = System.err;
    private final boolean interactive =
            System.console() != null && !Boolean.getBoolean("deepfake-edge.plain");
    private final String label;
    private ProgressBar bar;

    ConsoleProgress(String label) {
        this.label = label;
    }

    /** True when stderr is a terminal (and {@code -Ddeepfake-edge.plain} is not set). */
    static boolean interactive() {
        return System.console() != null && !Boolean.getBoolean("deepfake-edge.plain");
    }

    /**
     * A live bar on stderr for other long jobs (scan): {@code max} units, the rate in {@code
     * unit}/s and the ETA.
     */
    static ProgressBar bar(String task, long max, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250)
                .setUnit(unit, 1)
                .showSpeed()
                .build();
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int batches) {
        if (interactive) {
            bar =
                    new ProgressBarBuilder()
                            .setTaskName(
                                    String.format(Locale.ROOT, "%s %d/%d", label, epoch, epochs))
                            .setInitialMax(batches)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                            .setUpdateIntervalMillis(250)
                            .showSpeed()
                            .build();
        }
    }

    @Override
    public void onBatch(
            int epoch,
            int batch,
            int batches,
            double loss,
            double accuracy,
            double imagesPerSecond) {
        if (bar != null) {
            bar.stepTo(batch);
            bar.setExtraMessage(
                    String.format(
                            Locale.ROOT,
                            " loss %.4f acc %.3f %.0f img/s",
                            loss,
                            accuracy,
                            imagesPerSecond));
        }
    }

    @Override
    public void onEpochEnd(EpochRecord r, boolean best) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.printf(
                Locale.ROOT,
                "%s epoch %d: loss %.4f acc %.3f | val loss %.4f acc %.3f auc %.4f | %.1fs %.0f img/s%s%n",
                label,
                r.epoch(),
                r.trainLoss(),
                r.trainAccuracy(),
                r.valLoss(),
                r.valAccuracy(),
                r.valAuc(),
                r.seconds(),
                r.imagesPerSecond(),
                best ? "  *best" : "");
        err.flush();
    }
}
