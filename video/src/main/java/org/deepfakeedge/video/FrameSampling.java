package org.deepfakeedge.video;

import java.util.Arrays;
import org.deepfakeedge.InvalidInputException;

/**
 * Which frames of a video to look at: a pure function of the video's frame count and frame rate.
 *
 * <ul>
 *   <li>{@link #evenly(int) evenly(n)}: {@code n} frames spread over the whole video, first and
 *       last frame included, exactly as DeepfakeBench's {@code preprocess.py} picks them ({@code
 *       numpy.linspace(0, frameCount - 1, n, dtype=int)}): frame {@code floor(i * (frameCount - 1)
 *       / (n - 1))} for {@code i = 0 .. n-1}, computed in double precision as numpy does, with
 *       {@code frameCount - 1} for the last. A video shorter than {@code n} frames gives each of
 *       its frames once. {@code n = 1} gives frame 0. The default is {@value #DEFAULT_FRAMES}.
 *   <li>{@link #perSecond(double, int) perSecond(fps, max)}: the frame shown at {@code t = j / fps}
 *       seconds, {@code j = 0, 1, ...}, i.e. frame {@code floor(j * frameRate / fps)}, while it is
 *       inside the video. Where that would give more than {@code max} frames, the rate is lowered
 *       so that {@code max} frames still cover the whole video: {@code evenly(max)} over the same
 *       range. A rate above the video's own gives every frame once.
 * </ul>
 *
 * <p>Indices count frames in presentation order from 0. Immutable and thread-safe.
 */
public sealed interface FrameSampling {

    /** The number of frames {@link #evenly(int)} takes by default (DeepfakeBench's protocol). */
    int DEFAULT_FRAMES = 32;

    /**
     * Returns the frames to decode, in increasing order, without duplicates.
     *
     * @param frameCount the video's number of frames, >= 0
     * @param frameRate the video's frames per second, > 0 (used by {@link PerSecond} only)
     * @return the frame indices, each in {@code [0, frameCount)}; empty for an empty video
     */
    int[] indices(long frameCount, double frameRate);

    /**
     * Samples {@code count} frames spread evenly over the video.
     *
     * @param count how many frames, >= 1
     * @throws InvalidInputException if {@code count < 1}
     */
    static FrameSampling evenly(int count) {
        return new Evenly(count);
    }

    /** Samples {@value #DEFAULT_FRAMES} frames spread evenly over the video. */
    static FrameSampling defaults() {
        return new Evenly(DEFAULT_FRAMES);
    }

    /**
     * Samples one frame every {@code 1/fps} seconds, at most {@code maxFrames} in all.
     *
     * @param fps samples per second of video, > 0 and finite
     * @param maxFrames the cap, >= 1
     * @throws InvalidInputException if either is out of range
     */
    static FrameSampling perSecond(double fps, int maxFrames) {
        return new PerSecond(fps, maxFrames);
    }

    /**
     * {@code count} frames spread evenly, DeepfakeBench's way (see {@link FrameSampling}).
     *
     * @param count how many frames, >= 1
     */
    record Evenly(int count) implements FrameSampling {
        public Evenly {
            if (count < 1) {
                throw new InvalidInputException("--frames must be >= 1, found " + count);
            }
        }

        @Override
        public int[] indices(long frameCount, double frameRate) {
            checkCount(frameCount);
            return linspace(frameCount, count);
        }
    }

    /**
     * One frame every {@code 1/fps} seconds, capped at {@code maxFrames} (see {@link
     * FrameSampling}).
     *
     * @param fps samples per second of video
     * @param maxFrames the cap
     */
    record PerSecond(double fps, int maxFrames) implements FrameSampling {
        public PerSecond {
            if (!(fps > 0) || Double.isInfinite(fps)) {
                throw new InvalidInputException("--fps must be > 0, found " + fps);
            }
            if (maxFrames < 1) {
                throw new InvalidInputException("--max-frames must be >= 1, found " + maxFrames);
            }
        }

        @Override
        public int[] indices(long frameCount, double frameRate) {
            checkCount(frameCount);
            if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
                throw new IllegalArgumentException("frame rate must be > 0, found " + frameRate);
            }
            if (frameCount == 0) {
                return new int[0];
            }
            double step = frameRate / fps; // frames between samples
            if (step <= 1) {
                return linspace(frameCount, (int) Math.min(frameCount, maxFrames));
            }
            // j * step < frameCount, with a tolerance for j * step landing a rounding error short
            // of an integer (0.1 s at 30 fps is 3 frames, not 2.9999999999999996)
            long samples = (long) Math.floor((frameCount - 1) / step + 1e-9) + 1;
            if (samples > maxFrames) {
                return linspace(frameCount, maxFrames);
            }
            int[] out = new int[(int) samples];
            for (int j = 0; j < out.length; j++) {
                out[j] = (int) Math.min(frameCount - 1, (long) Math.floor(j * step + 1e-9));
            }
            return distinct(out);
        }
    }

    private static void checkCount(long frameCount) {
        if (frameCount < 0 || frameCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "frame count must be in [0, " + Integer.MAX_VALUE + "], found " + frameCount);
        }
    }

    /**
     * {@code numpy.linspace(0, frameCount - 1, n, endpoint=True, dtype=int)} without duplicates:
     * numpy computes {@code i * step} with {@code step = (frameCount - 1) / (n - 1)} in double
     * precision, truncates, and sets the last element to the end point exactly.
     */
    private static int[] linspace(long frameCount, int n) {
        if (frameCount == 0) {
            return new int[0];
        }
        int[] out = new int[n];
        if (n == 1) {
            return out; // numpy: [start]
        }
        double step = (double) (frameCount - 1) / (n - 1);
        for (int i = 0; i < n - 1; i++) {
            out[i] = (int) (i * step);
        }
        out[n - 1] = (int) (frameCount - 1);
        return distinct(out);
    }

    private static int[] distinct(int[] sorted) {
        return Arrays.stream(sorted).distinct().toArray();
    }
}
