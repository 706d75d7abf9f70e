package org.deepfakeedge.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;

class FrameSamplingTest {

    @Test
    void evenlyMatchesNumpyLinspaceAsDeepfakeBenchUsesIt() {
        // numpy 2.4: np.unique(np.linspace(0, F - 1, N, endpoint=True, dtype=int))
        assertThat(FrameSampling.evenly(7).indices(1000, 30))
                .containsExactly(0, 166, 333, 499, 666, 832, 999);
        assertThat(FrameSampling.evenly(32).indices(300, 30))
                .containsExactly(
                        0, 9, 19, 28, 38, 48, 57, 67, 77, 86, 96, 106, 115, 125, 135, 144, 154, 163,
                        173, 183, 192, 202, 212, 221, 231, 241, 250, 260, 270, 279, 289, 299);
        assertThat(FrameSampling.evenly(3).indices(7, 30)).containsExactly(0, 3, 6);
        assertThat(FrameSampling.defaults().indices(1800, 30))
                .hasSize(32)
                .startsWith(0, 58, 116)
                .endsWith(1740, 1799);
    }

    @Test
    void evenlyIsTheFloorOfTheExactLinspaceAwayFromRoundingTies() {
        // the exact rational floor(i (F-1) / (N-1)) as an independent oracle; numpy's double
        // arithmetic can only differ where the exact value is an integer (then it may be 1 less)
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int frames = 2 + rnd.nextInt(500_000);
            int n = 2 + rnd.nextInt(200);
            int[] got = FrameSampling.evenly(n).indices(frames, 25);
            assertThat(got[0]).isZero();
            assertThat(got[got.length - 1]).isEqualTo(frames - 1);
            if (n <= frames) {
                assertThat(got).hasSize(n);
                for (int i = 0; i < n; i++) {
                    BigInteger[] qr =
                            BigInteger.valueOf((long) i * (frames - 1))
                                    .divideAndRemainder(BigInteger.valueOf(n - 1));
                    long exact = qr[0].longValue();
                    if (qr[1].signum() == 0 && i > 0 && i < n - 1) {
                        assertThat((long) got[i]).isBetween(exact - 1, exact);
                    } else {
                        assertThat((long) got[i]).isEqualTo(exact);
                    }
                }
            }
        }
    }

    @Test
    void shortVideosGiveEachFrameOnce() {
        assertThat(FrameSampling.evenly(32).indices(10, 30))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(FrameSampling.evenly(32).indices(1, 30)).containsExactly(0);
        assertThat(FrameSampling.evenly(32).indices(0, 30)).isEmpty();
        assertThat(FrameSampling.evenly(1).indices(500, 30)).containsExactly(0);
    }

    @Test
    void perSecondTakesTheFrameShownAtEachSampleTime() {
        // 30 fps video, one sample per second, 10 s: frames 0, 30, ..., 270
        assertThat(FrameSampling.perSecond(1, 1000).indices(300, 30))
                .containsExactly(0, 30, 60, 90, 120, 150, 180, 210, 240, 270);
        // 2.5 samples per second of 25 fps: every 10th frame
        assertThat(FrameSampling.perSecond(2.5, 1000).indices(41, 25))
                .containsExactly(0, 10, 20, 30, 40);
        // 0.1 s steps at 30 fps are 3 frames, not 2.9999999999999996
        assertThat(FrameSampling.perSecond(10, 1000).indices(10, 30)).containsExactly(0, 3, 6, 9);
        // NTSC 29.97 fps, 1 per second: floor(j * 29.97)
        assertThat(FrameSampling.perSecond(1, 1000).indices(100, 30000 / 1001.0))
                .containsExactly(0, 29, 59, 89);
    }

    @Test
    void perSecondAboveTheVideoRateGivesEveryFrame() {
        assertThat(FrameSampling.perSecond(60, 1000).indices(5, 25)).containsExactly(0, 1, 2, 3, 4);
        assertThat(FrameSampling.perSecond(60, 3).indices(5, 25)).containsExactly(0, 2, 4);
    }

    @Test
    void perSecondOverTheCapSpreadsTheCapOverTheWholeVideo() {
        // 2 hours at 30 fps, 1 per second would be 7200 frames; capped at 100 they still span it
        int frames = 2 * 3600 * 30;
        int[] got = FrameSampling.perSecond(1, 100).indices(frames, 30);
        assertThat(got).hasSize(100);
        assertThat(got).isEqualTo(FrameSampling.evenly(100).indices(frames, 30));
        assertThat(got[got.length - 1]).isEqualTo(frames - 1);
    }

    @Test
    void indicesAreIncreasingAndInRange() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int trial = 0; trial < 1000; trial++) {
            int frames = rnd.nextInt(100_000);
            double rate = 1 + rnd.nextDouble() * 119;
            FrameSampling s =
                    rnd.nextBoolean()
                            ? FrameSampling.evenly(1 + rnd.nextInt(64))
                            : FrameSampling.perSecond(
                                    0.05 + rnd.nextDouble() * 60, 1 + rnd.nextInt(500));
            int[] got = s.indices(frames, rate);
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).isBetween(0, frames - 1);
                if (i > 0) {
                    assertThat(got[i]).isGreaterThan(got[i - 1]);
                }
            }
            assertThat(got.length == 0).isEqualTo(frames == 0);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> FrameSampling.evenly(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--frames must be >= 1, found 0");
        assertThatThrownBy(() -> FrameSampling.perSecond(0, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--fps must be > 0, found 0.0");
        assertThatThrownBy(() -> FrameSampling.perSecond(Double.NaN, 10))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> FrameSampling.perSecond(1, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--max-frames must be >= 1, found 0");
        assertThatThrownBy(() -> FrameSampling.evenly(3).indices(-1, 30))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
