package org.deepfakeedge.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the bundled FFmpeg once and routes its log to slf4j.
 *
 * <p>FFmpeg's own logger prints to stderr, many lines per corrupt file ("error while decoding MB
 * ..."); here every message goes to the slf4j logger {@code org.deepfakeedge.video.ffmpeg} at DEBUG
 * (FFmpeg errors) or TRACE (warnings), messages below FFmpeg's warning level are dropped in native
 * code, and the last error FFmpeg logged on the calling thread is kept, so that an exception can
 * say what FFmpeg found ("moov atom not found"). The log level and callback are process-wide FFmpeg
 * settings: only this module uses its FFmpeg.
 */
final class Ffmpeg {
    private static final Logger ffmpegLog =
            LoggerFactory.getLogger("org.deepfakeedge.video.ffmpeg");
    private static final ThreadLocal<String> lastError = new ThreadLocal<>();
    private static final int MAX_MESSAGE = 200;

    /** Strongly held: FFmpeg keeps a raw pointer to it for the life of the process. */
    private static final LogCallback CALLBACK =
            new LogCallback() {
                @Override
                public void call(int level, BytePointer msg) {
                    String text = msg == null ? "" : msg.getString().strip();
                    if (text.isEmpty()) {
                        return;
                    }
                    if (level <= AV_LOG_ERROR) {
                        lastError.set(
                                text.length() > MAX_MESSAGE
                                        ? text.substring(0, MAX_MESSAGE) + "..."
                                        : text);
                        ffmpegLog.debug(text);
                    } else {
                        ffmpegLog.trace(text);
                    }
                }
            }.retainReference();

    private static volatile boolean loaded;

    private Ffmpeg() {}

    /**
     * Loads FFmpeg's native libraries (unpacked by JavaCPP into {@code ~/.javacpp/cache}, or the
     * folder the system property {@code org.bytedeco.javacpp.cachedir} names) and installs the log
     * callback, once per process.
     *
     * @throws IllegalStateException if the natives cannot be loaded on this platform
     */
    static void load() {
        if (loaded) {
            return;
        }
        synchronized (Ffmpeg.class) {
            if (loaded) {
                return;
            }
            try {
                // not FFmpegFrameGrabber.tryLoad(): it also loads libavdevice (capture devices),
                // which links the system's libpulse, libxcb and libasound and so fails where they
                // are missing; reading files needs none of it, and these five need only libc,
                // libm and libstdc++
                Loader.load(avutil.class);
                Loader.load(swresample.class);
                Loader.load(avcodec.class);
                Loader.load(avformat.class);
                Loader.load(swscale.class);
            } catch (LinkageError | RuntimeException e) {
                throw new IllegalStateException(
                        "cannot load the bundled FFmpeg (deepfake-edge-video ships natives for"
                                + " linux-x86_64 only; os.arch="
                                + System.getProperty("os.arch")
                                + "): "
                                + e.getMessage(),
                        e);
            }
            av_log_set_level(AV_LOG_WARNING);
            setLogCallback(CALLBACK);
            loaded = true;
        }
    }

    /** Forgets the last error FFmpeg logged on this thread. */
    static void clearLastError() {
        lastError.remove();
    }

    /** Returns the last error FFmpeg logged on this thread since {@link #clearLastError}. */
    static String lastError() {
        return lastError.get();
    }

    /** Returns FFmpeg's description of an error code, e.g. "Invalid data found when ...". */
    static String describe(int errorCode) {
        byte[] buf = new byte[256];
        if (av_strerror(errorCode, buf, buf.length) < 0) {
            return "error " + errorCode;
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
