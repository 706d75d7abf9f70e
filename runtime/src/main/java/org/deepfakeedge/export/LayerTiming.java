package org.deepfakeedge.export;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long one layer took in its INT8 and its fp32 form at batch 1, timed interleaved on ONNX
 * Runtime (see {@link OrtSpeedProbe}). Immutable and thread-safe.
 *
 * @param int8Ms median milliseconds of the INT8 (QDQ-fused) form
 * @param fp32Ms median milliseconds of the fp32 form
 * @param ratio median over the rounds of int8/fp32 time measured in the same round: the decision
 *     uses it because a load spike hits both forms of one round alike
 * @param runs timed rounds
 */
public record LayerTiming(double int8Ms, double fp32Ms, double ratio, int runs) {
    /** From paired nanosecond timings (round r of both arrays ran back to back). */
    static LayerTiming of(long[] int8Nanos, long[] fp32Nanos) {
        if (int8Nanos.length != fp32Nanos.length || int8Nanos.length == 0) {
            throw new IllegalArgumentException("need the same number (> 0) of timings per form");
        }
        double[] ratios = new double[int8Nanos.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = int8Nanos[i] / (double) Math.max(1, fp32Nanos[i]);
        }
        return new LayerTiming(
                median(int8Nanos) / 1e6, median(fp32Nanos) / 1e6, median(ratios), ratios.length);
    }

    /** e.g. {@code int8 0.41 ms vs fp32 0.12 ms}. */
    public String describe() {
        return String.format(Locale.ROOT, "int8 %s ms vs fp32 %s ms", ms(int8Ms), ms(fp32Ms));
    }

    /** Three significant digits, enough to tell 0.012 from 0.12 ms. */
    static String ms(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
