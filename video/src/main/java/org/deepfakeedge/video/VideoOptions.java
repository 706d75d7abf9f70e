package org.deepfakeedge.video;

import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.data.ImageDecoder;

/**
 * How {@link VideoReader} decodes.
 *
 * @param decoderThreads FFmpeg's decoder threads; 0 lets FFmpeg choose (one per core, frame and
 *     slice threading). The default, {@link #DEFAULT_THREADS}, is the cores up to 4: more threads
 *     mostly add latency and frame buffers (each thread holds its own frames)
 * @param maxPixels the largest accepted frame, width × height (a 16k × 16k stream would take 1 GB
 *     per RGB frame); default {@link ImageDecoder#MAX_PIXELS}, the image decoder's limit
 * @param strategy how frames are reached; {@link Strategy#AUTO} unless a test or benchmark wants
 *     one path
 */
public record VideoOptions(int decoderThreads, long maxPixels, Strategy strategy) {

    /** The default decoder threads: the available cores, at most 4. */
    public static final int DEFAULT_THREADS =
            Math.min(4, Runtime.getRuntime().availableProcessors());

    /** How the reader gets from one sampled frame to the next. */
    public enum Strategy {
        /**
         * Seek where the container's keyframe index shows a keyframe between the last decoded frame
         * and the next sampled one (skipping everything before it), otherwise decode on; decode
         * sequentially when the stream has no index or no constant frame rate.
         */
        AUTO,
        /** Decode every frame from the start; frames are counted. */
        SEQUENTIAL,
        /** Seek to every sampled frame (constant-frame-rate streams; others decode in order). */
        SEEK
    }

    public VideoOptions {
        if (decoderThreads < 0) {
            throw new InvalidInputException(
                    "--decoder-threads must be >= 0 (0: FFmpeg chooses), found " + decoderThreads);
        }
        if (maxPixels < 1) {
            throw new InvalidInputException("maxPixels must be >= 1, found " + maxPixels);
        }
        if (strategy == null) {
            strategy = Strategy.AUTO;
        }
    }

    /** Returns the defaults: {@link #DEFAULT_THREADS}, the image decoder's pixel limit, auto. */
    public static VideoOptions defaults() {
        return new VideoOptions(DEFAULT_THREADS, ImageDecoder.MAX_PIXELS, Strategy.AUTO);
    }

    /** Returns these options with {@code threads} decoder threads. */
    public VideoOptions withDecoderThreads(int threads) {
        return new VideoOptions(threads, maxPixels, strategy);
    }

    /** Returns these options with the pixel limit {@code limit}. */
    public VideoOptions withMaxPixels(long limit) {
        return new VideoOptions(decoderThreads, limit, strategy);
    }

    /** Returns these options with {@code strategy}. */
    public VideoOptions withStrategy(Strategy s) {
        return new VideoOptions(decoderThreads, maxPixels, s);
    }
}
