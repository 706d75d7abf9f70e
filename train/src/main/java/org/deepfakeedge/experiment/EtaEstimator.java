package org.deepfakeedge.experiment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expected remaining time of an experiment's grid, from the cells finished so far.
 *
 * <p>A cell's cost depends mostly on its method (a prune-and-fine-tune cell trains, a quantization
 * cell only converts), so each remaining cell is estimated by the mean time of the finished cells
 * of its method, or of all finished cells when none of its method has finished yet. The estimate
 * follows the machine: on a busy or slower machine the finished cells took longer and so does the
 * forecast. Not thread-safe.
 */
public final class EtaEstimator {
    private final Map<String, double[]> byMethod = new HashMap<>();
    private double total;
    private int count;

    /** Records a finished cell of {@code method} that took {@code seconds}. */
    public void finished(String method, double seconds) {
        double[] s = byMethod.computeIfAbsent(method, k -> new double[2]);
        s[0] += seconds;
        s[1]++;
        total += seconds;
        count++;
    }

    /** Returns the expected seconds for {@code remaining}, or NaN before any cell finished. */
    public double remainingSeconds(List<Cell> remaining) {
        if (count == 0) {
            return remaining.isEmpty() ? 0 : Double.NaN;
        }
        double mean = total / count;
        double eta = 0;
        for (Cell c : remaining) {
            double[] s = byMethod.get(c.method());
            eta += s == null ? mean : s[0] / s[1];
        }
        return eta;
    }
}
