package org.deepfakeedge.serve;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Takes the encoded images, or the one video, out of a request body, within the size limits, before
 * anything is decoded: a raw body ({@code Content-Type: image/*}, {@code video/*} or {@code
 * application/octet-stream}) holds one image or video; a {@code multipart/form-data} body holds one
 * file part per image, or one video part. A video is told by its content type ({@code video/*}) or,
 * when the type is generic (none, {@code application/octet-stream}, or curl's default form type
 * {@code application/x-www-form-urlencoded}), by its first bytes ({@link #isVideoMagic}); anything
 * else is an image and the image decoder has the last word, except that a form-typed body must
 * start with an image signature ({@link ImageSignature}), or it is refused as the form it claims to
 * be.
 *
 * <p>Every refusal is an {@link HttpError}: 413 for too large, 415 for a content type that cannot
 * hold an image or video, 400 for empty or malformed bodies. Sizes are checked against the declared
 * length first and against the bytes actually read second, so a body without (or with a false)
 * Content-Length cannot get past the limit. Images are limited by {@code --max-image-bytes}, videos
 * by {@code --max-video-bytes}.
 */
final class RequestImages {
    /** One encoded image and the name it is reported under. */
    record Encoded(String name, byte[] bytes) {}

    /**
     * A video body, not read yet: {@link #save} writes it to a temp file once the service has room
     * for a video job.
     *
     * @param name what the answer and errors call it
     * @param type the media type, for the temp file's extension
     * @param in the body from its first byte (closed by {@link #save})
     */
    record Video(String name, String type, InputStream in) {}

    /** What a request holds: images, or one video (exactly one of the two is non-null). */
    record Body(List<Encoded> images, Video video) {}

    /** Bytes looked at to recognise a video container or an image format. */
    private static final int MAGIC = Math.max(12, ImageSignature.LENGTH);

    /**
     * What {@code curl --data-binary} sends without {@code -H}: taken for an image or video when
     * the bytes are one ({@link ImageSignature}, {@link #isVideoMagic}), else refused with 415.
     */
    static final String FORM = "application/x-www-form-urlencoded";

    private RequestImages() {}

    static Body read(Context ctx, ServeConfig config, boolean many) {
        String type = mediaType(ctx.contentType());
        if (type.equals("multipart/form-data")) {
            return multipart(ctx, config, many);
        }
        if (type.startsWith("video/")) {
            if (many) {
                throw new HttpError(
                        415,
                        "unsupported_media_type",
                        "send a video to /v1/detect, one per request; /v1/detect/batch takes images");
            }
            checkVideoLength(ctx.req().getContentLengthLong(), config);
            return new Body(null, new Video("body", type, body(ctx)));
        }
        boolean form = type.equals(FORM);
        boolean generic = type.isEmpty() || type.equals("application/octet-stream") || form;
        if (generic && !many) {
            InputStream in = new BufferedInputStream(body(ctx), MAGIC);
            byte[] head = peek(in);
            if (isVideoMagic(head)) {
                checkVideoLength(ctx.req().getContentLengthLong(), config);
                return new Body(null, new Video("body", type, in));
            }
            if (form && ImageSignature.of(head).isEmpty()) {
                close(in);
                throw new HttpError(
                        415,
                        "unsupported_media_type",
                        "Content-Type '"
                                + FORM
                                + "' (curl's default for --data-binary) and a body that is"
                                + " neither an image (JPEG, PNG, WebP, GIF, BMP, TIFF) nor a video:"
                                + " send the file's bytes (curl --data-binary @photo.jpg), with -H"
                                + " 'Content-Type: image/jpeg' or as a multipart file part (curl -F"
                                + " image=@photo.jpg)");
            }
            return new Body(
                    List.of(new Encoded("body", raw(ctx, in, config.maxImageBytes()))), null);
        }
        if (generic || type.startsWith("image/")) {
            if (many) {
                throw new HttpError(
                        415,
                        "unsupported_media_type",
                        "send several images as multipart/form-data"
                                + " file parts (curl -F image=@a.jpg -F image=@b.jpg), found Content-Type "
                                + display(type));
            }
            return new Body(
                    List.of(new Encoded("body", raw(ctx, body(ctx), config.maxImageBytes()))),
                    null);
        }
        throw new HttpError(
                415,
                "unsupported_media_type",
                "Content-Type "
                        + display(type)
                        + " cannot carry an image or video: send the bytes as image/jpeg, image/png,"
                        + " image/webp, video/mp4, video/webm, video/x-matroska, video/quicktime,"
                        + " video/x-msvideo or application/octet-stream, or as a multipart/form-data"
                        + " file part");
    }

    private static InputStream body(Context ctx) {
        try {
            return ctx.req().getInputStream();
        } catch (IOException e) {
            throw new HttpError(
                    400, "truncated_body", "could not read the body: " + e.getMessage());
        }
    }

    /** The first bytes of {@code in} (which must support mark), left unread. */
    private static byte[] peek(InputStream in) {
        try {
            in.mark(MAGIC);
            byte[] head = in.readNBytes(MAGIC);
            in.reset();
            return head;
        } catch (IOException e) {
            throw new HttpError(
                    400, "truncated_body", "could not read the whole body: " + e.getMessage());
        }
    }

    /**
     * True if the bytes start a video container FFmpeg reads: ISO BMFF / QuickTime (MP4, MOV, M4V,
     * 3GP: a box type {@code ftyp}, {@code moov}, {@code mdat}, {@code free} or {@code wide} at
     * offset 4), Matroska / WebM (EBML header), AVI ({@code RIFF....AVI }), FLV, Ogg.
     */
    static boolean isVideoMagic(byte[] b) {
        int n = b.length;
        if (n >= 8) {
            String box = new String(b, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (List.of("ftyp", "moov", "mdat", "free", "wide").contains(box)) {
                return true;
            }
        }
        return (n >= 4
                        && (b[0] & 0xff) == 0x1a
                        && (b[1] & 0xff) == 0x45
                        && (b[2] & 0xff) == 0xdf
                        && (b[3] & 0xff) == 0xa3)
                || (n >= 12 && startsWith(b, 0, "RIFF") && startsWith(b, 8, "AVI "))
                || (n >= 4 && startsWith(b, 0, "FLV") && b[3] == 1)
                || (n >= 4 && startsWith(b, 0, "OggS"));
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static void checkVideoLength(long declared, ServeConfig config) {
        if (declared > config.maxVideoBytes()) {
            throw videoTooLarge(declared, config.maxVideoBytes());
        }
    }

    private static HttpError videoTooLarge(long size, long limit) {
        return new HttpError(
                413,
                "too_large",
                (size >= 0 ? "video of " + size + " bytes" : "video")
                        + " exceeds the limit of "
                        + limit
                        + " bytes (--max-video-bytes)");
    }

    /**
     * Writes the video to a new temp file, at most {@code limit} bytes, and closes its stream. The
     * caller deletes the file; on any refusal it is deleted here.
     */
    static Path save(Video v, long limit) {
        Path file;
        try {
            file = Files.createTempFile("deepfake-edge-upload-", extension(v.type()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temp file for the video", e);
        }
        boolean ok = false;
        try (InputStream in = v.in();
                OutputStream out = Files.newOutputStream(file)) {
            long n = in.transferTo(new LimitedOutput(out, limit));
            if (n == 0) {
                throw new HttpError(400, "empty_body", v.name() + ": empty video (0 bytes)");
            }
            ok = true;
            return file;
        } catch (LimitedOutput.Full e) {
            throw videoTooLarge(-1, limit);
        } catch (IOException e) {
            throw new HttpError(
                    400, "truncated_body", "could not read the whole video: " + e.getMessage());
        } finally {
            if (!ok) {
                delete(file);
            }
        }
    }

    /** Deletes a temp file, quietly (a failure to delete must not change the answer). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left in the temp folder; nothing else to do
        }
    }

    /** A hint for FFmpeg's probe (it reads the content anyway). */
    private static String extension(String type) {
        return switch (type) {
            case "video/mp4" -> ".mp4";
            case "video/webm" -> ".webm";
            case "video/x-matroska" -> ".mkv";
            case "video/quicktime" -> ".mov";
            case "video/x-msvideo" -> ".avi";
            default -> ".video";
        };
    }

    /** Passes bytes on; a write past {@code cap} bytes in all throws {@link Full}. */
    private static final class LimitedOutput extends OutputStream {
        static final class Full extends IOException {
            private static final long serialVersionUID = 1L;
        }

        private final OutputStream out;
        private long left;

        LimitedOutput(OutputStream out, long cap) {
            this.out = out;
            this.left = cap;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new Full();
            }
            out.write(b, off, len);
            left -= len;
        }
    }

    private static byte[] raw(Context ctx, InputStream body, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(declared, limit);
        }
        try (InputStream in = body) {
            // read at most limit + 1 bytes: one byte over is enough to know the body is too large
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(-1, limit);
            }
            if (bytes.length == 0) {
                throw new HttpError(
                        400,
                        "empty_body",
                        "empty body: send the image bytes"
                                + " (curl -H 'Content-Type: image/jpeg' --data-binary @photo.jpg)");
            }
            return bytes;
        } catch (IOException e) {
            // the client sent less than it declared or went away mid-body
            throw new HttpError(
                    400, "truncated_body", "could not read the whole body: " + e.getMessage());
        }
    }

    private static Body multipart(Context ctx, ServeConfig config, boolean many) {
        long total = totalLimit(config);
        long declared = ctx.req().getContentLengthLong();
        if (declared > total) {
            throw tooLarge(declared, total);
        }
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (Exception e) { // Jetty's ServletException arrives unchecked through Kotlin
            String m = String.valueOf(rootMessage(e)).toLowerCase(Locale.ROOT);
            if (m.contains("size") || m.contains("exceed") || m.contains("too large")) {
                throw new HttpError(
                        413,
                        "too_large",
                        "multipart body too large: at most "
                                + config.maxImageBytes()
                                + " bytes per image and "
                                + total
                                + " bytes in all");
            }
            throw new HttpError(
                    400,
                    "bad_multipart",
                    "malformed multipart/form-data body (" + rootMessage(e) + ")");
        }
        if (files.isEmpty()) {
            throw new HttpError(
                    400,
                    "empty_body",
                    "the multipart body has no file part: send the image as a"
                            + " file field (curl -F image=@photo.jpg)");
        }
        if (!many && files.size() > 1) {
            throw new HttpError(
                    400,
                    "too_many_images",
                    files.size()
                            + " images in one /v1/detect request: send one, or use /v1/detect/batch");
        }
        if (files.size() > config.maxImagesPerRequest()) {
            throw new HttpError(
                    413,
                    "too_many_images",
                    files.size()
                            + " images in one request, at most "
                            + config.maxImagesPerRequest());
        }
        List<Encoded> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            UploadedFile f = files.get(i);
            String name =
                    f.filename() == null || f.filename().isBlank() ? "part " + i : f.filename();
            String partType = mediaType(f.contentType());
            InputStream in;
            try {
                in = new BufferedInputStream(f.content(), MAGIC);
            } catch (RuntimeException e) {
                throw new HttpError(
                        400, "truncated_body", name + ": cannot read the part: " + e.getMessage());
            }
            boolean video =
                    partType.startsWith("video/")
                            || ((partType.isEmpty() || partType.equals("application/octet-stream"))
                                    && isVideoMagic(peek(in)));
            if (video) {
                if (many) {
                    close(in);
                    throw new HttpError(
                            415,
                            "unsupported_media_type",
                            name
                                    + ": a video; send videos to /v1/detect, one per request;"
                                    + " /v1/detect/batch takes images");
                }
                if (f.size() > config.maxVideoBytes()) {
                    close(in);
                    throw videoTooLarge(f.size(), config.maxVideoBytes());
                }
                return new Body(null, new Video(name, partType, in));
            }
            if (f.size() > config.maxImageBytes()) {
                close(in);
                throw new HttpError(
                        413,
                        "too_large",
                        name
                                + ": image of "
                                + f.size()
                                + " bytes, the limit is "
                                + config.maxImageBytes()
                                + " (--max-image-bytes)");
            }
            byte[] bytes;
            try (InputStream part = in) {
                bytes = part.readAllBytes();
            } catch (IOException e) {
                throw new HttpError(
                        400, "truncated_body", name + ": cannot read the part: " + e.getMessage());
            }
            if (bytes.length == 0) {
                throw new HttpError(400, "empty_body", name + ": empty file part (0 bytes)");
            }
            out.add(new Encoded(name, bytes));
        }
        return new Body(out, null);
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the part is discarded anyway
        }
    }

    /**
     * The largest multipart body: every image at the limit, or one video at its limit, plus room
     * for the part headers.
     */
    static long totalLimit(ServeConfig config) {
        return Math.max(
                        config.maxImageBytes() * config.maxImagesPerRequest(),
                        config.maxVideoBytes())
                + 64L * 1024;
    }

    private static HttpError tooLarge(long size, long limit) {
        return new HttpError(
                413,
                "too_large",
                (size >= 0 ? "body of " + size + " bytes" : "body")
                        + " exceeds the limit of "
                        + limit
                        + " bytes (--max-image-bytes)");
    }

    /** Returns the lower-case media type without parameters, "" when absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static String display(String type) {
        return type.isEmpty() ? "(none)" : "'" + type + "'";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
