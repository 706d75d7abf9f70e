package org.deepfakeedge.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.deepfakeedge.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a video file: probes it on {@link #open}, then streams the sampled frames as RGB images.
 *
 * <pre>{@code
 * try (VideoReader video = VideoReader.open(Path.of("clip.mp4"))) {
 *     System.out.println(video.info().frameCount() + " frames at " + video.info().frameRate());
 *     for (Iterator<VideoFrame> it = video.frames(FrameSampling.defaults()); it.hasNext(); ) {
 *         VideoFrame f = it.next();
 *         detector.detect(f.image());
 *     }
 * }
 * }</pre>
 *
 * <p>Decoding goes through JavaCV's {@code FFmpegFrameGrabber} on the bundled LGPL FFmpeg 8 (see
 * {@code docs/video.md} for the codecs and containers verified). Only local regular files are read,
 * through FFmpeg's {@code file} protocol alone: pipes, devices and network URLs (a playlist inside
 * a file included) are refused before FFmpeg could block on them.
 *
 * <p><b>Which frame is frame k.</b> For a stream with one declared frame rate, frame {@code k} is
 * the frame whose timestamp is {@code k / frameRate} seconds after the stream's start (rounded to
 * the nearest frame), whether it was reached by seeking or by decoding on; a stream without one is
 * decoded from the start and its frames are counted. {@link VideoFrame#index()} is always the index
 * of the frame actually returned: a frame that cannot be decoded (corrupt data) is replaced by the
 * next one that can, with its own index.
 *
 * <p><b>Seeking.</b> With {@link VideoOptions.Strategy#AUTO} the reader seeks to the keyframe at or
 * before the next sampled frame only when the container's index shows that keyframe after the last
 * decoded frame (so the skipped frames need not be decoded), and decodes on otherwise: it never
 * decodes more frames than decoding everything would, and on long videos with short keyframe
 * intervals it decodes a small fraction of them. Seeking is exact: after landing on the keyframe
 * the frames up to the sampled one are decoded (without conversion).
 *
 * <p><b>Memory.</b> One decoded frame is converted at a time into a new image the caller owns; the
 * decoder's own buffers (FFmpeg's, a few frames per decoder thread) are reused, so memory does not
 * grow with the video's length.
 *
 * <p><b>Errors.</b> A missing, empty, non-regular, corrupt, truncated or audio-only file, a still
 * image, or a stream without decodable frames raises one {@link InvalidInputException} whose
 * message starts with the file and says what is wrong.
 *
 * <p>Not thread-safe: use one reader per thread. Holds native memory: close it.
 */
public final class VideoReader implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(VideoReader.class);
    private static final int AVINDEX_KEYFRAME = 0x0001;

    /** How many frames an estimated frame count may over-state the stream by. */
    private static final int ESTIMATE_SLACK = 2;

    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");
    private static final Pattern NOT_ON_WHITELIST =
            Pattern.compile("\\[([^\\] ]+) @ 0x[0-9a-f]+\\] Format not on whitelist");
    private static final Pattern LOG_CONTEXT = Pattern.compile("^\\[[^\\]]+ @ 0x[0-9a-f]+\\] ");

    /**
     * The demuxers the reader opens (FFmpeg's {@code format_whitelist}): video containers, raw
     * video streams, and the common audio formats (so that an audio file is told apart from a file
     * that is no media at all). Everything else FFmpeg would also open (still images, ANSI-art text
     * files, playlists that name other files or URLs) is refused.
     */
    static final String CONTAINERS =
            "mov,mp4,matroska,webm,avi,mpegts,mpeg,flv,ogg,asf,mxf,nut,dv,rm,wtv,"
                    + "h264,hevc,m4v,ivf,obu,"
                    + "mp3,wav,flac,aac,aiff,w64,caf";

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final VideoOptions options;
    private final VideoInfo info;

    /** Stream start in microseconds, the origin of frame timestamps. */
    private final long startMicros;

    /** Frame indices of the container's keyframes, ascending; empty without an index. */
    private final int[] keyframes;

    private final RgbConverter converter = new RgbConverter();

    /** A reference to the last decoded frame, for a stream that ends before a sampled frame. */
    private final AVFrame last;

    private int lastIndex = -1;
    private long lastMicros;
    private int counted;
    private int lastEmitted = -1;
    private boolean iterating;
    private boolean closed;
    private int seeks;
    private int decoded;

    private VideoReader(
            Path file,
            FFmpegFrameGrabber grabber,
            VideoOptions options,
            VideoInfo info,
            long startMicros,
            int[] keyframes) {
        this.file = file;
        this.grabber = grabber;
        this.options = options;
        this.info = info;
        this.startMicros = startMicros;
        this.keyframes = keyframes;
        this.last = av_frame_alloc();
    }

    /** Opens and probes {@code file} with {@link VideoOptions#defaults()}. */
    public static VideoReader open(Path file) {
        return open(file, VideoOptions.defaults());
    }

    /**
     * Opens and probes a video file.
     *
     * @param file a local video file
     * @param options decoder threads, pixel limit, strategy
     * @return the open reader; close it
     * @throws InvalidInputException if the file is missing, empty, not a regular file, not a video
     *     FFmpeg can read, has no video stream, is a still image, or has frames larger than the
     *     limit
     */
    public static VideoReader open(Path file, VideoOptions options) {
        checkFile(file);
        Ffmpeg.load();
        // "file:" keeps a name such as "http:x.mp4" a file name; the whitelist keeps FFmpeg from
        // opening anything else (an HLS playlist or concat list could name network URLs)
        FFmpegFrameGrabber grabber =
                new FFmpegFrameGrabber("file:" + file.toAbsolutePath().normalize());
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        grabber.setOption("protocol_whitelist", "file");
        grabber.setOption("format_whitelist", CONTAINERS);
        grabber.setVideoOption("threads", String.valueOf(options.decoderThreads()));
        Ffmpeg.clearLastError();
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            String reason = openFailure(e, grabber.getFormatContext());
            release(grabber);
            throw invalid(file, reason, e);
        }
        try {
            return probe(file, grabber, options);
        } catch (RuntimeException e) {
            release(grabber);
            throw e;
        }
    }

    private static VideoReader probe(Path file, FFmpegFrameGrabber grabber, VideoOptions options) {
        AVFormatContext oc = grabber.getFormatContext();
        String container = oc.iformat() == null ? "?" : oc.iformat().name().getString();
        if (!grabber.hasVideo()) {
            String audio =
                    grabber.hasAudio()
                            ? "audio only (" + codecName(grabber.getAudioCodec()) + ")"
                            : "no audio or video stream FFmpeg can decode";
            throw invalid(file, "no video stream: " + audio + " in a " + container + " file");
        }
        if (container.equals("image2") || container.endsWith("_pipe")) {
            throw invalid(
                    file,
                    "a still image ("
                            + container
                            + "), not a video; fix: score it as an image (deepfake-edge predict)");
        }
        AVStream st = oc.streams(grabber.getVideoStream());
        String codec = codecName(st.codecpar().codec_id());
        int width = grabber.getImageWidth();
        int height = grabber.getImageHeight();
        if (width <= 0 || height <= 0) {
            throw invalid(
                    file,
                    "the "
                            + codec
                            + " video stream has no frame size (corrupt or truncated header)");
        }
        if ((long) width * height > options.maxPixels()) {
            throw invalid(
                    file,
                    "video frames too large: "
                            + width
                            + "x"
                            + height
                            + " pixels (limit "
                            + options.maxPixels()
                            + ")");
        }
        double avgRate = rate(st.avg_frame_rate());
        double baseRate = rate(st.r_frame_rate());
        AVRational tb = st.time_base();
        double duration = 0;
        if (st.duration() != AV_NOPTS_VALUE && st.duration() > 0 && tb.den() != 0) {
            duration = st.duration() * (double) tb.num() / tb.den();
        } else if (oc.duration() != AV_NOPTS_VALUE && oc.duration() > 0) {
            duration = oc.duration() / (double) AV_TIME_BASE;
        }
        // One declared rate: the base rate (r_frame_rate, the rate every timestamp is a multiple
        // of) and the average (frames / duration) agree to within 1.5 frames over the video; the
        // average alone is off by a frame where the muxer left out the last frame's duration.
        boolean constant =
                baseRate > 0
                        && (avgRate <= 0
                                || Math.abs(baseRate - avgRate) * Math.max(duration, 1.0) <= 1.5);
        double frameRate = constant ? baseRate : avgRate > 0 ? avgRate : baseRate;
        long frameCount;
        boolean exact;
        if (st.nb_frames() > 0) {
            frameCount = st.nb_frames();
            exact = true;
        } else if (duration > 0 && frameRate > 0) {
            frameCount = Math.round(duration * frameRate);
            exact = false;
        } else {
            // neither a count nor a duration (a live-streamed WebM, as browsers record them):
            // count the video packets, then go back to the start
            long[] counted = countPackets(file, grabber, st);
            frameCount = counted[0];
            exact = true;
            if (counted[0] > 0 && counted[1] != AV_NOPTS_VALUE && tb.den() != 0) {
                long start = st.start_time() != AV_NOPTS_VALUE ? st.start_time() : 0;
                duration = (counted[1] - start) * (double) tb.num() / tb.den();
                if (frameRate > 0) {
                    duration += 1 / frameRate;
                }
            }
        }
        if (frameCount <= 0) {
            throw invalid(
                    file,
                    "no video frames (zero-length "
                            + codec
                            + " stream in a "
                            + container
                            + " file)");
        }
        if (frameCount > Integer.MAX_VALUE) {
            throw invalid(file, "claims " + frameCount + " frames (corrupt header)");
        }
        if (frameRate <= 0) {
            throw invalid(file, "the " + codec + " video stream declares no frame rate");
        }
        long startMicros =
                st.start_time() != AV_NOPTS_VALUE && tb.den() != 0
                        ? 1_000_000L * st.start_time() * tb.num() / tb.den()
                        : 0;
        int[] keyframes = new int[0];
        if (constant) {
            keyframes = keyframes(st, startMicros, frameRate);
            if (keyframes.length <= 1) {
                // Matroska reads its cues (the keyframe index, written after the clusters) on the
                // first seek: seek to the start before anything is decoded, then look again
                long start = st.start_time() != AV_NOPTS_VALUE ? st.start_time() : 0;
                if (av_seek_frame(oc, grabber.getVideoStream(), start, AVSEEK_FLAG_BACKWARD) >= 0) {
                    keyframes = keyframes(st, startMicros, frameRate);
                }
            }
        }
        VideoInfo info =
                new VideoInfo(
                        file,
                        container,
                        codec,
                        width,
                        height,
                        frameRate,
                        duration,
                        frameCount,
                        exact,
                        constant,
                        grabber.hasAudio());
        logger.debug(
                "{}: {} {} {}x{} {} fps, {} frames ({}), {} keyframes indexed",
                file,
                container,
                codec,
                width,
                height,
                frameRate,
                frameCount,
                exact ? "from the container" : "estimated",
                keyframes.length);
        return new VideoReader(file, grabber, options, info, startMicros, keyframes);
    }

    /**
     * Counts the video stream's packets (one per frame) by demuxing the whole file without
     * decoding, and returns {count, the largest packet timestamp}; seeks back to the start.
     */
    private static long[] countPackets(Path file, FFmpegFrameGrabber grabber, AVStream st) {
        int video = grabber.getVideoStream();
        long count = 0;
        long lastPts = AV_NOPTS_VALUE;
        AVPacket held = null;
        try {
            AVPacket p;
            while ((p = grabber.grabPacket()) != null) {
                held = p;
                if (p.stream_index() == video) {
                    count++;
                    long ts = p.pts() != AV_NOPTS_VALUE ? p.pts() : p.dts();
                    if (ts != AV_NOPTS_VALUE && (lastPts == AV_NOPTS_VALUE || ts > lastPts)) {
                        lastPts = ts;
                    }
                }
                av_packet_unref(p);
            }
        } catch (FrameGrabber.Exception e) {
            throw invalid(file, "cannot read the video stream: " + oneLine(e), e);
        }
        if (held != null) {
            // the grabber's packet must look unused again, or it would be sent to the decoder
            av_packet_unref(held);
            held.stream_index(-1);
        }
        long start = st.start_time() != AV_NOPTS_VALUE ? st.start_time() : 0;
        if (av_seek_frame(grabber.getFormatContext(), video, start, AVSEEK_FLAG_BACKWARD) < 0) {
            throw invalid(file, "cannot seek back to the start after counting its frames");
        }
        logger.debug("{}: no frame count or duration; counted {} video packets", file, count);
        return new long[] {count, lastPts};
    }

    /** The frame indices of the keyframes in the container's index (MP4, Matroska cues, AVI). */
    private static int[] keyframes(AVStream st, long startMicros, double frameRate) {
        int n = avformat_index_get_entries_count(st);
        AVRational tb = st.time_base();
        List<Integer> out = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < n; i++) {
            AVIndexEntry e = avformat_index_get_entry(st, i);
            if (e == null || (e.flags() & AVINDEX_KEYFRAME) == 0) {
                continue;
            }
            long micros = 1_000_000L * e.timestamp() * tb.num() / tb.den();
            int index = (int) Math.max(0, Math.round((micros - startMicros) * frameRate / 1e6));
            if (index > previous) {
                out.add(index);
                previous = index;
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Returns what probing found. */
    public VideoInfo info() {
        return info;
    }

    /**
     * Returns the sampled frames, decoded one at a time as the iterator advances. A reader streams
     * once: call this once per reader.
     *
     * @param sampling which frames
     * @return the frames in increasing index order
     * @throws IllegalStateException if called twice or after {@link #close}
     * @throws InvalidInputException (from the iterator) if the stream turns out to be truncated or
     *     undecodable
     */
    public Iterator<VideoFrame> frames(FrameSampling sampling) {
        if (closed) {
            throw new IllegalStateException("reader closed");
        }
        if (iterating) {
            throw new IllegalStateException("frames() can be called once per reader");
        }
        iterating = true;
        int[] targets = sampling.indices(info.frameCount(), info.frameRate());
        return new Iterator<>() {
            private int next;
            private VideoFrame pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (pending == null && !done) {
                    if (next >= targets.length) {
                        done = true;
                        break;
                    }
                    int k = targets[next++];
                    if (k <= lastEmitted) {
                        continue; // a later frame was returned already (frames were skipped)
                    }
                    pending = decode(k);
                    if (pending == null) {
                        done = true;
                    }
                }
                return pending != null;
            }

            @Override
            public VideoFrame next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                VideoFrame f = pending;
                pending = null;
                return f;
            }
        };
    }

    /**
     * Reads all sampled frames into a list: {@code sampling}'s frames at once (32 frames of 720p
     * video are 118 MB as RGB); prefer {@link #frames} for many or large frames.
     */
    public List<VideoFrame> readAll(FrameSampling sampling) {
        List<VideoFrame> out = new ArrayList<>();
        frames(sampling).forEachRemaining(out::add);
        return out;
    }

    /** Decodes up to frame {@code k}; null once the stream ended (after its last frame). */
    private VideoFrame decode(int k) {
        if (closed) {
            throw new IllegalStateException("reader closed");
        }
        boolean timed = info.constantFrameRate();
        try {
            if (timed && shouldSeek(k)) {
                seeks++;
                grabber.setVideoTimestamp(centreMicros(k));
            }
            while (true) {
                Frame f = grabber.grabImage();
                if (f == null || f.image == null || !(f.opaque instanceof AVFrame picture)) {
                    return endOfStream(k);
                }
                decoded++;
                int index = timed ? indexOf(f.timestamp) : counted++;
                if (index <= lastIndex && timed) {
                    // a frame from before a seek target or a repeated timestamp: not newer
                    continue;
                }
                lastIndex = index;
                lastMicros = f.timestamp;
                if (index >= k) {
                    if (index > k) {
                        logger.debug("{}: frame {} asked, frame {} decoded", file, k, index);
                    }
                    return emit(picture, index, f.timestamp);
                }
                keep(picture);
            }
        } catch (FrameGrabber.Exception | RuntimeException e) {
            if (e instanceof InvalidInputException ie) {
                throw ie;
            }
            throw invalid(file, "cannot decode frame " + k + ": " + oneLine(e), e);
        }
    }

    /**
     * Keeps a reference to a decoded frame that may turn out to be the stream's last one (a
     * reference count, not a copy).
     */
    private void keep(AVFrame picture) {
        av_frame_unref(last);
        if (av_frame_ref(last, picture) < 0) {
            av_frame_unref(last);
        }
    }

    /** Refuses a frame over the pixel limit: the stream changed its frame size after the header. */
    private void checkSize(AVFrame picture, int index) {
        if ((long) picture.width() * picture.height() > options.maxPixels()) {
            throw invalid(
                    file,
                    "frame "
                            + index
                            + " too large: "
                            + picture.width()
                            + "x"
                            + picture.height()
                            + " pixels (limit "
                            + options.maxPixels()
                            + ")");
        }
    }

    private VideoFrame emit(AVFrame picture, int index, long micros) {
        checkSize(picture, index);
        BufferedImage image;
        try {
            image = converter.convert(picture);
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage(), e);
        }
        av_frame_unref(last);
        lastEmitted = index;
        return new VideoFrame(index, (micros - startMicros) / 1e6, image);
    }

    /**
     * The stream ended before frame {@code k}: where the count was estimated from the duration,
     * which can be a frame or two long, the last frame stands in for targets up to {@value
     * #ESTIMATE_SLACK} frames past it; anything else is a truncated stream.
     */
    private VideoFrame endOfStream(int k) {
        if (lastIndex < 0 && lastEmitted < 0) {
            throw invalid(
                    file,
                    "no frame of the "
                            + info.codec()
                            + " stream could be decoded (corrupt or truncated video data)");
        }
        long tolerance = info.frameCountExact() ? 0 : ESTIMATE_SLACK;
        boolean haveLast = last.data(0) != null && !last.data(0).isNull();
        if (k - lastIndex <= tolerance && haveLast && lastIndex > lastEmitted) {
            int index = lastIndex;
            checkSize(last, index);
            BufferedImage image;
            try {
                image = converter.convert(last);
            } catch (IllegalArgumentException e) {
                throw invalid(file, e.getMessage(), e);
            } finally {
                av_frame_unref(last);
            }
            lastEmitted = index;
            return new VideoFrame(index, (lastMicros - startMicros) / 1e6, image);
        }
        if (k - Math.max(lastIndex, lastEmitted) <= tolerance) {
            return null; // the last frame was already returned
        }
        throw invalid(
                file,
                String.format(
                        Locale.ROOT,
                        "truncated or corrupt: frame %d (%.2f s) cannot be reached, the %s stream"
                                + " ends before it; the container says %d frames (%.2f s)",
                        k,
                        k / info.frameRate(),
                        info.codec(),
                        info.frameCount(),
                        info.durationSeconds()));
    }

    /** Whether to seek to frame {@code k} rather than decode on from the last decoded frame. */
    private boolean shouldSeek(int k) {
        if (k <= lastIndex + 1) {
            return false;
        }
        // targets in the last second of an estimated length are decoded to, not sought: a seek
        // past the real end would lose the last frame
        boolean nearEstimatedEnd =
                !info.frameCountExact() && k >= info.frameCount() - Math.round(info.frameRate());
        return switch (options.strategy()) {
            case SEQUENTIAL -> false;
            case SEEK -> !nearEstimatedEnd;
            case AUTO -> !nearEstimatedEnd && keyframeAtOrBefore(k) > lastIndex + 1;
        };
    }

    /** The largest indexed keyframe index <= k, or -1. */
    private int keyframeAtOrBefore(int k) {
        int lo = 0;
        int hi = keyframes.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keyframes[mid] <= k) {
                found = keyframes[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The middle of frame k's display interval, relative to the stream start, in microseconds. */
    private long centreMicros(int k) {
        return Math.round((k + 0.5) * 1e6 / info.frameRate());
    }

    private int indexOf(long micros) {
        return (int) Math.max(0, Math.round((micros - startMicros) * info.frameRate() / 1e6));
    }

    /** Seeks done so far (for tests and benchmarks). */
    int seeks() {
        return seeks;
    }

    /**
     * Frames the reader decoded itself so far (for tests and benchmarks); the frames a seek decodes
     * on its way from the keyframe to the sampled frame are not counted.
     */
    int decodedFrames() {
        return decoded;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        av_frame_unref(last);
        av_frame_free(last);
        converter.close();
        release(grabber);
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            logger.debug("releasing the grabber failed", e);
        }
    }

    private static void checkFile(Path file) {
        if (Files.isDirectory(file)) {
            throw invalid(file, "is a folder, not a video file");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw invalid(file, "file not found");
        }
        if (!Files.exists(file)) {
            throw invalid(file, "dangling symbolic link (its target does not exist)");
        }
        if (!Files.isRegularFile(file)) {
            throw invalid(
                    file,
                    "not a regular file (a pipe, socket or device, which FFmpeg could wait on"
                            + " forever); fix: copy the video into a file first");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw invalid(file, "file not found", e);
        } catch (IOException e) {
            throw invalid(file, "cannot read file: " + oneLine(e), e);
        }
        if (size == 0) {
            throw invalid(file, "empty file (0 bytes)");
        }
        if (!Files.isReadable(file)) {
            throw invalid(file, "cannot read file (permission denied)");
        }
    }

    /** Turns the grabber's start() failure into a one-line reason. */
    private static String openFailure(Exception e, AVFormatContext oc) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String ffmpeg = Ffmpeg.lastError();
        Matcher refused = NOT_ON_WHITELIST.matcher(ffmpeg == null ? "" : ffmpeg);
        if (refused.find()) {
            String format = refused.group(1).replace("'", "");
            if (format.equals("image2") || format.endsWith("_pipe")) {
                return "a still image ("
                        + format
                        + "), not a video; fix: score it as an image (deepfake-edge predict)";
            }
            return "a "
                    + format
                    + " file, not a video container this reader opens (MP4/MOV, Matroska/WebM,"
                    + " AVI, MPEG-TS/PS, FLV, Ogg, ASF, MXF, NUT, DV, RealMedia, WTV, or a raw"
                    + " H.264/HEVC/MPEG-4/IVF/AV1 stream)";
        }
        if (ffmpeg != null) {
            ffmpeg = LOG_CONTEXT.matcher(ffmpeg).replaceFirst("");
        }
        String detail = "";
        Matcher m = ERROR_CODE.matcher(msg);
        if (m.find()) {
            try {
                detail = Ffmpeg.describe(Integer.parseInt(m.group(1)));
            } catch (NumberFormatException ignored) {
                // keep the empty detail
            }
        }
        if (ffmpeg != null && !ffmpeg.isBlank() && !detail.contains(ffmpeg)) {
            detail = detail.isEmpty() ? ffmpeg : detail + ": " + ffmpeg;
        }

        String what;
        if (msg.startsWith("avformat_open_input()")) {
            what = "not a video file FFmpeg can read";
        } else if (msg.startsWith("avformat_find_stream_info()")) {
            what = "cannot read the streams of this file (corrupt or truncated)";
        } else if (msg.startsWith("Did not find a video or audio stream")) {
            return noDecodableStream(oc);
        } else if (msg.startsWith("avcodec_find_decoder()")) {
            what = "the video codec has no decoder in the bundled FFmpeg";
        } else if (msg.startsWith("avcodec_open2()")) {
            what = "cannot open the video decoder (corrupt stream parameters)";
        } else {
            what = "cannot open the video: " + oneLine(e);
        }
        return detail.isEmpty() ? what : what + " (" + detail + ")";
    }

    /** Why a file FFmpeg opened has no stream JavaCV takes: an empty track, or none at all. */
    private static String noDecodableStream(AVFormatContext oc) {
        String container =
                oc == null || oc.isNull() || oc.iformat() == null
                        ? "?"
                        : oc.iformat().name().getString();
        int streams = oc == null || oc.isNull() ? 0 : oc.nb_streams();
        if (streams == 0) {
            return "no video stream: the "
                    + container
                    + " file holds no stream at all (a zero-length recording)";
        }
        for (int i = 0; i < streams; i++) {
            if (oc.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                return "no video frames (zero-length video stream in a " + container + " file)";
            }
        }
        return "no video stream (no audio or video stream FFmpeg can decode in a "
                + container
                + " file)";
    }

    private static String codecName(int codecId) {
        BytePointer name = avcodec_get_name(codecId);
        return name == null ? String.valueOf(codecId) : name.getString();
    }

    private static double rate(AVRational r) {
        return r == null || r.den() == 0 || r.num() <= 0 ? 0 : (double) r.num() / r.den();
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = m.indexOf(" (For more details");
        if (cut > 0) {
            m = m.substring(0, cut);
        }
        return m.replace('\n', ' ').strip();
    }

    private static InvalidInputException invalid(Path file, String reason) {
        return new InvalidInputException(file + ": " + reason);
    }

    private static InvalidInputException invalid(Path file, String reason, Throwable cause) {
        return new InvalidInputException(file + ": " + reason, cause);
    }
}
