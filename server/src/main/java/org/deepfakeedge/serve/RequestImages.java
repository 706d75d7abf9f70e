package org.deepfakeedge.serve;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Takes the encoded images out of a request body, within the size limits, before anything is
 * decoded: a raw body ({@code Content-Type: image/*} or {@code application/octet-stream}) holds one
 * image; a {@code multipart/form-data} body holds one file part per image.
 *
 * <p>Every refusal is an {@link HttpError}: 413 for too large, 415 for a content type that cannot
 * hold an image, 400 for empty or malformed bodies. Sizes are checked against the declared length
 * first and against the bytes actually read second, so a body without (or with a false)
 * Content-Length cannot get past the limit.
 */
final class RequestImages {
    /** One encoded image and the name it is reported under. */
    record Encoded(String name, byte[] bytes) {}

    private RequestImages() {}

    static List<Encoded> read(Context ctx, ServeConfig config, boolean many) {
        String type = mediaType(ctx.contentType());
        if (type.equals("multipart/form-data")) {
            return multipart(ctx, config, many);
        }
        if (type.isEmpty()
                || type.startsWith("image/")
                || type.equals("application/octet-stream")) {
            if (many) {
                throw new HttpError(
                        415,
                        "unsupported_media_type",
                        "send several images as multipart/form-data"
                                + " file parts (curl -F image=@a.jpg -F image=@b.jpg), found Content-Type "
                                + display(type));
            }
            return List.of(new Encoded("body", raw(ctx, config.maxImageBytes())));
        }
        throw new HttpError(
                415,
                "unsupported_media_type",
                "Content-Type "
                        + display(type)
                        + " cannot carry an image: send the image bytes as image/jpeg, image/png, image/webp or"
                        + " application/octet-stream, or as a multipart/form-data file part");
    }

    private static byte[] raw(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(declared, limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
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

    private static List<Encoded> multipart(Context ctx, ServeConfig config, boolean many) {
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
            if (f.size() > config.maxImageBytes()) {
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
            try (InputStream in = f.content()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new HttpError(
                        400, "truncated_body", name + ": cannot read the part: " + e.getMessage());
            }
            if (bytes.length == 0) {
                throw new HttpError(400, "empty_body", name + ": empty file part (0 bytes)");
            }
            out.add(new Encoded(name, bytes));
        }
        return out;
    }

    /** The largest multipart body: every image at the limit plus room for the part headers. */
    static long totalLimit(ServeConfig config) {
        return config.maxImageBytes() * config.maxImagesPerRequest() + 64L * 1024;
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
