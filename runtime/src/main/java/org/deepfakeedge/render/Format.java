package org.deepfakeedge.render;

import java.util.Locale;

/** How numbers appear in reports and summaries; "–" stands for a missing value everywhere. */
public final class Format {
    /** The text of a missing value. */
    public static final String MISSING = "–";

    private Format() {}

    /** A metric with 4 decimals, {@value #MISSING} for NaN. */
    public static String num(double v) {
        return Double.isNaN(v) ? MISSING : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A count with thousands separators, {@value #MISSING} when negative (unknown). */
    public static String count(long n) {
        return n < 0 ? MISSING : String.format(Locale.ROOT, "%,d", n);
    }

    /** Bytes in KiB below 1 MiB, else MiB; {@value #MISSING} when negative (unknown). */
    public static String bytes(long b) {
        if (b < 0) {
            return MISSING;
        }
        if (b < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MiB", b / (1024.0 * 1024));
    }

    /** Seconds with one decimal and the unit, {@value #MISSING} for null or NaN. */
    public static String seconds(Double s) {
        return s == null || Double.isNaN(s) ? MISSING : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** Milliseconds, two decimals below 10 and one above, {@value #MISSING} for null or NaN. */
    public static String ms(Double v) {
        if (v == null || Double.isNaN(v)) {
            return MISSING;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }
}
