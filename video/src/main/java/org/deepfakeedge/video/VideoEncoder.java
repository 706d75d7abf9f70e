package org.deepfakeedge.video;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes RGB images as a video file with JavaCV's {@code FFmpegFrameRecorder} on the bundled FFmpeg
 * (its encoders: see docs/video.md); what the built-in synthetic videos and the test fixtures are
 * written with.
 *
 * <p>One encoder thread, so that the same frames give the same bytes on every run of one build.
 * Frames of another size or type are scaled (bilinear) and converted. Not thread-safe.
 */
public final class VideoEncoder implements AutoCloseable {

    /**
     * What to write.
     *
     * @param format the container as FFmpeg's muxer names it: {@code mp4}, {@code matroska}, {@code
     *     webm}, {@code avi}, {@code mov}, {@code mpegts}
     * @param codec the encoder: {@code libopenh264} (H.264), {@code mpeg4}, {@code libvpx} (VP8),
     *     {@code libvpx-vp9}, {@code libaom-av1}, {@code libsvtav1}, {@code mjpeg}, {@code ffv1}
     * @param width frame width, even
     * @param height frame height, even
     * @param fps frames per second, >= 1
     * @param gop keyframe interval in frames (-1: the encoder's default)
     * @param bFrames B-frames between references (0: none; mpeg4 supports them)
     * @param bitrate video bits per second
     * @param options extra encoder or muxer options (e.g. {@code movflags=faststart})
     */
    public record Settings(
            String format,
            String codec,
            int width,
            int height,
            int fps,
            int gop,
            int bFrames,
            int bitrate,
            Map<String, String> options) {

        public Settings {
            if (width < 2 || width % 2 != 0 || height < 2 || height % 2 != 0) {
                throw new IllegalArgumentException(
                        "frame size must be even, found " + width + "x" + height);
            }
            if (fps < 1 || bitrate < 1) {
                throw new IllegalArgumentException(
                        "fps and bitrate must be >= 1, found " + fps + ", " + bitrate);
            }
            options = Map.copyOf(new LinkedHashMap<>(options));
        }
    }

    private final Path file;
    private final Settings settings;
    private final FFmpegFrameRecorder recorder;
    private final ByteBuffer bytes;

    static {
        Ffmpeg.load(); // FFmpeg's log (the encoders are chatty) to slf4j, as for the reader
    }

    private VideoEncoder(Path file, Settings settings, FFmpegFrameRecorder recorder) {
        this.file = file;
        this.settings = settings;
        this.recorder = recorder;
        this.bytes =
                ByteBuffer.allocateDirect(settings.width() * settings.height() * 4)
                        .order(ByteOrder.nativeOrder());
    }

    /**
     * Starts writing {@code file} (replaced if it exists).
     *
     * @throws IllegalStateException if FFmpeg cannot open the file or the encoder
     */
    public static VideoEncoder open(Path file, Settings s) {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), s.width(), s.height(), 0);
        r.setFormat(s.format());
        r.setVideoCodecName(s.codec());
        r.setFrameRate(s.fps());
        if (s.gop() >= 0) {
            r.setGopSize(s.gop());
        }
        r.setPixelFormat(
                s.codec().equals("mjpeg") ? avutil.AV_PIX_FMT_YUVJ420P : avutil.AV_PIX_FMT_YUV420P);
        r.setVideoBitrate(s.bitrate());
        r.setVideoOption("threads", "1");
        if (s.bFrames() > 0) {
            r.setVideoOption("bf", String.valueOf(s.bFrames()));
        }
        speed(r, s.codec());
        s.options().forEach(r::setOption);
        try {
            r.start();
        } catch (FrameRecorder.Exception e) {
            release(r);
            throw new IllegalStateException("cannot write " + file + " (" + s + ")", e);
        }
        return new VideoEncoder(file, s, r);
    }

    /** The fast presets of the slow encoders. */
    private static void speed(FFmpegFrameRecorder r, String codec) {
        switch (codec) {
            case "libvpx", "libvpx-vp9" -> {
                r.setVideoOption("deadline", "realtime");
                r.setVideoOption("cpu-used", "8");
            }
            case "libaom-av1" -> {
                r.setVideoOption("cpu-used", "8");
                r.setVideoOption("usage", "realtime");
            }
            case "libsvtav1" -> r.setVideoOption("preset", "12");
            default -> {}
        }
    }

    /** Encodes the next frame. */
    public void write(BufferedImage frame) {
        int w = settings.width();
        int h = settings.height();
        int[] px = ((DataBufferInt) rgb(frame, w, h).getRaster().getDataBuffer()).getData();
        bytes.clear();
        bytes.asIntBuffer().put(px);
        try {
            recorder.recordImage(
                    w, h, Frame.DEPTH_UBYTE, 4, w * 4, avutil.AV_PIX_FMT_0RGB32, bytes);
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("cannot write a frame to " + file, e);
        }
    }

    /** Flushes the encoder and finishes the file (its index). */
    @Override
    public void close() {
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("cannot finish " + file, e);
        } finally {
            release(recorder);
        }
    }

    private static void release(FFmpegFrameRecorder r) {
        try {
            r.release();
        } catch (FrameRecorder.Exception e) {
            // nothing left to save: the file is written or already reported broken
        }
    }

    /** {@code src} as a {@code w}×{@code h} {@code TYPE_INT_RGB} image (itself if it is one). */
    static BufferedImage rgb(BufferedImage src, int w, int h) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB
                && src.getWidth() == w
                && src.getHeight() == h) {
            return src;
        }
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return dst;
    }
}
