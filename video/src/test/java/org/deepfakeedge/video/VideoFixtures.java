package org.deepfakeedge.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;

/**
 * Synthetic test videos, written at test time with {@link VideoEncoder} (audio with JavaCV's {@code
 * FFmpegFrameRecorder}) on the bundled FFmpeg; shared with other modules' tests through this
 * module's test jar.
 *
 * <p>Every frame carries its own number in a band across the top quarter: {@value #CODE_BITS} black
 * or white bars, most significant bit first, wide enough to survive lossy coding at the sizes used
 * here (width >= 64). {@link #frameNumber} reads it back, so a test can check that the frame a
 * reader calls k really is frame k. The rest of the frame is a moving colour gradient ({@link
 * #pattern}) or a frame of the built-in synthetic generator ({@link #writeSegments}).
 */
public final class VideoFixtures {

    /** Bits of the frame number code: frames 0 .. 65535. */
    public static final int CODE_BITS = 16;

    static {
        Ffmpeg.load(); // FFmpeg's log (the encoders are chatty) to slf4j, as for the reader
    }

    private VideoFixtures() {}

    /**
     * A video to write.
     *
     * @param format the container as FFmpeg's muxer names it: {@code mp4}, {@code matroska}, {@code
     *     webm}, {@code avi}, {@code mov}
     * @param codec the encoder: {@code libopenh264} (H.264), {@code mpeg4}, {@code libvpx} (VP8),
     *     {@code libvpx-vp9}, {@code libaom-av1}, {@code libsvtav1}, {@code mjpeg}, {@code ffv1}
     * @param width frame width, >= 64 and even
     * @param height frame height, even
     * @param fps frames per second
     * @param frames how many frames
     * @param gop keyframe interval in frames (-1: the encoder's default)
     * @param bFrames B-frames between references (0: none; mpeg4 supports them)
     * @param options extra encoder or muxer options (e.g. {@code movflags=faststart})
     */
    public record Spec(
            String format,
            String codec,
            int width,
            int height,
            int fps,
            int frames,
            int gop,
            int bFrames,
            Map<String, String> options) {

        public Spec {
            if (width < 64 || width % 2 != 0 || height < 16 || height % 2 != 0) {
                throw new IllegalArgumentException(
                        "frame size must be even, width >= 64, found " + width + "x" + height);
            }
            if (frames < 0 || frames >= (1 << CODE_BITS)) {
                throw new IllegalArgumentException("frames must be in [0, 65535], found " + frames);
            }
            options = Map.copyOf(options);
        }

        /** 160x120, 25 fps, 50 frames, a keyframe every 12 frames, no B-frames. */
        public static Spec of(String format, String codec) {
            return new Spec(format, codec, 160, 120, 25, 50, 12, 0, Map.of());
        }

        public Spec withSize(int w, int h) {
            return new Spec(format, codec, w, h, fps, frames, gop, bFrames, options);
        }

        public Spec withFrames(int n) {
            return new Spec(format, codec, width, height, fps, n, gop, bFrames, options);
        }

        public Spec withFps(int f) {
            return new Spec(format, codec, width, height, f, frames, gop, bFrames, options);
        }

        public Spec withGop(int g) {
            return new Spec(format, codec, width, height, fps, frames, g, bFrames, options);
        }

        public Spec withBFrames(int b) {
            return new Spec(format, codec, width, height, fps, frames, gop, b, options);
        }

        public Spec withOption(String key, String value) {
            Map<String, String> o = new LinkedHashMap<>(options);
            o.put(key, value);
            return new Spec(format, codec, width, height, fps, frames, gop, bFrames, o);
        }

        /** The file name extension FFmpeg's muxer expects for {@link #format}. */
        public String extension() {
            return switch (format) {
                case "matroska" -> "mkv";
                case "mpegts" -> "ts";
                default -> format;
            };
        }
    }

    /**
     * Writes {@code spec}'s video, frame k being {@link #pattern pattern(k)}.
     *
     * @return {@code file}
     */
    public static Path write(Path file, Spec spec) {
        return write(file, spec, k -> pattern(k, spec.width(), spec.height()));
    }

    /**
     * Writes {@code spec}'s video with frame k from {@code frames} (drawn at the spec's size).
     *
     * @return {@code file}
     */
    public static Path write(Path file, Spec spec, IntFunction<BufferedImage> frames) {
        // about 1 bit per pixel: the code bars survive every lossy codec used here
        int bitrate = Math.max(200_000, spec.width() * spec.height() * spec.fps());
        VideoEncoder.Settings settings =
                new VideoEncoder.Settings(
                        spec.format(),
                        spec.codec(),
                        spec.width(),
                        spec.height(),
                        spec.fps(),
                        spec.gop(),
                        spec.bFrames(),
                        bitrate,
                        spec.options());
        try (VideoEncoder e = VideoEncoder.open(file, settings)) {
            for (int k = 0; k < spec.frames(); k++) {
                e.write(frames.apply(k));
            }
        }
        return file;
    }

    /**
     * Writes a video of {@code spec.frames()} frames of the built-in synthetic generator ({@code
     * test} split of {@code synth}), frame k fake (label 1) inside one of {@code fakeRanges}
     * ({@code [from, to)} pairs) and real (label 0) elsewhere, each stamped with its number.
     *
     * @return the label of every frame, index = frame number
     */
    public static int[] writeSegments(Path file, Spec spec, SynthSpec synth, int[]... fakeRanges) {
        int[] labels = new int[spec.frames()];
        for (int[] range : fakeRanges) {
            Arrays.fill(labels, Math.max(0, range[0]), Math.min(labels.length, range[1]), 1);
        }
        write(
                file,
                spec,
                k -> {
                    BufferedImage img =
                            VideoEncoder.rgb(
                                    SyntheticDatasets.render(synth, "test", labels[k], k),
                                    spec.width(),
                                    spec.height());
                    stamp(img, k);
                    return img;
                });
        return labels;
    }

    /**
     * Writes an audio-only file: {@code seconds} of a 440 Hz tone, mono, 44.1 kHz.
     *
     * @param format the muxer, e.g. {@code mp4} (AAC), {@code mp3}, {@code wav}, {@code ogg}
     * @param codec the encoder, e.g. {@code aac}, {@code libmp3lame}, {@code pcm_s16le}, {@code
     *     libopus}
     * @return {@code file}
     */
    public static Path writeAudioOnly(Path file, String format, String codec, double seconds) {
        int rate = codec.equals("libopus") ? 48_000 : 44_100;
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), 1)) {
            r.setFormat(format);
            r.setAudioCodecName(codec);
            r.setSampleRate(rate);
            r.setAudioChannels(1);
            r.setAudioBitrate(64_000);
            r.start();
            int n = (int) Math.round(seconds * rate);
            int chunk = 1024;
            for (int i = 0; i < n; i += chunk) {
                int len = Math.min(chunk, n - i);
                ShortBuffer s = ShortBuffer.allocate(len);
                for (int j = 0; j < len; j++) {
                    s.put((short) (8000 * Math.sin(2 * Math.PI * 440 * (i + j) / rate)));
                }
                s.flip();
                r.recordSamples(rate, 1, s);
            }
            r.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    /** Writes {@code bytes} random bytes (seeded) into {@code file}. */
    public static Path writeGarbage(Path file, int bytes, long seed) {
        byte[] b = new byte[bytes];
        new java.util.Random(seed).nextBytes(b);
        try {
            return Files.write(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the first {@code fraction} of {@code src} into {@code dst} (a cut-off download). */
    public static Path truncate(Path src, Path dst, double fraction) {
        try {
            byte[] b = Files.readAllBytes(src);
            return Files.write(dst, Arrays.copyOf(b, (int) (b.length * fraction)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Frame k of the default pattern: the code band on top, below it a gradient that moves with k
     * (so consecutive frames differ, as in real video).
     */
    public static BufferedImage pattern(int k, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / width + 3 * k) & 255;
                int g = (y * 255 / height) & 255;
                int b = (7 * k) & 255;
                px[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        stamp(img, k);
        return img;
    }

    /** Draws frame number {@code k} as the code band over the top quarter of {@code img}. */
    public static void stamp(BufferedImage img, int k) {
        int w = img.getWidth();
        int band = Math.max(8, img.getHeight() / 4);
        int bar = w / CODE_BITS;
        for (int y = 0; y < band; y++) {
            for (int x = 0; x < w; x++) {
                int bit = Math.min(x / bar, CODE_BITS - 1);
                boolean one = ((k >> (CODE_BITS - 1 - bit)) & 1) != 0;
                img.setRGB(x, y, one ? 0xFFFFFF : 0x000000);
            }
        }
    }

    /**
     * Reads the frame number a decoded frame carries: the mean brightness of the middle of each
     * bar, away from its edges, against 128.
     */
    public static int frameNumber(BufferedImage img) {
        int w = img.getWidth();
        int band = Math.max(8, img.getHeight() / 4);
        int bar = w / CODE_BITS;
        int k = 0;
        for (int bit = 0; bit < CODE_BITS; bit++) {
            long sum = 0;
            int n = 0;
            for (int y = band / 4; y < band * 3 / 4; y++) {
                for (int x = bit * bar + bar / 4; x < bit * bar + (3 * bar + 3) / 4; x++) {
                    int p = img.getRGB(x, y);
                    sum += ((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255);
                    n += 3;
                }
            }
            if (sum / n > 128) {
                k |= 1 << (CODE_BITS - 1 - bit);
            }
        }
        return k;
    }
}
