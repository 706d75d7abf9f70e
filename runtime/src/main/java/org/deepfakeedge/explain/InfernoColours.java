package org.deepfakeedge.explain;

/**
 * A perceptual colour ramp for heatmaps: matplotlib's "inferno" (black, purple, red, orange, pale
 * yellow) at eleven stops, interpolated linearly in sRGB between them. Its lightness rises steadily
 * from 0 to 1, so a brighter colour always means a higher value, also in grey print and for
 * red–green colour-blind readers, unlike the rainbow "jet" ramp. Stateless and thread-safe.
 */
public final class InfernoColours {
    /** The ramp at 0, 0.1, ..., 1, as {@code 0xRRGGBB}. */
    static final int[] STOPS = {
        0x000004, 0x160b39, 0x420a68, 0x6a176e, 0x932667, 0xbc3754, 0xdd513a, 0xf37819, 0xfca50a,
        0xf6d746, 0xfcffa4
    };

    private InfernoColours() {}

    /**
     * Returns the colour of {@code value}, clamped to [0, 1] (NaN counts as 0).
     *
     * @return {@code 0xRRGGBB}
     */
    public static int rgb(double value) {
        double v = value >= 0 ? Math.min(1, value) : 0;
        double pos = v * (STOPS.length - 1);
        int lo = Math.min(STOPS.length - 2, (int) pos);
        double t = pos - lo;
        int a = STOPS[lo];
        int b = STOPS[lo + 1];
        return mix(a >> 16, b >> 16, t) << 16 | mix(a >> 8, b >> 8, t) << 8 | mix(a, b, t);
    }

    private static int mix(int a, int b, double t) {
        int x = a & 0xff;
        int y = b & 0xff;
        return (int) Math.round(x + (y - x) * t);
    }
}
