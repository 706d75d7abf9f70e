package org.deepfakeedge.serve;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's web page: a few static files (HTML, CSS, JavaScript modules) shipped in the jar
 * under {@code org/deepfakeedge/serve/web/}, read once at start and served from memory at {@code /}
 * and {@code /web/NAME}.
 *
 * <p>The page is open like {@code /health} (it holds no data; every API call it makes sends the key
 * the user types). Every file is answered with a Content-Security-Policy that allows nothing but
 * this origin ({@code data:} and {@code blob:} images for the heatmaps and the user's own file), no
 * inline script or style, no framing, plus {@code nosniff} and an ETag, so a reload costs a 304.
 */
final class WebPage {
    /**
     * The files, by the name they are served under; {@code index.html} is the page at {@code /}.
     */
    static final List<String> FILES =
            List.of("index.html", "app.css", "app.js", "api.js", "render.js", "roc.js");

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
                    + " media-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action"
                    + " 'none'; frame-ancestors 'none'";

    private static final String ROOT = "/org/deepfakeedge/serve/web/";

    private record Asset(byte[] bytes, String type, String etag) {}

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    WebPage() {
        for (String name : FILES) {
            byte[] bytes = read(name);
            assets.put(name, new Asset(bytes, type(name), etag(bytes)));
        }
    }

    /** Serves the page itself. */
    void index(Context ctx) {
        serve(ctx, "index.html");
    }

    /** Serves {@code /web/NAME}; an unknown name is a 404. */
    void file(Context ctx) {
        String name = ctx.pathParam("file");
        if (!assets.containsKey(name) || name.equals("index.html")) {
            throw new HttpError(404, "not_found", "no file /web/" + name);
        }
        serve(ctx, name);
    }

    private void serve(Context ctx, String name) {
        Asset a = assets.get(name);
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", a.etag());
        if (a.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(a.type()).result(a.bytes());
    }

    private static byte[] read(String name) {
        try (InputStream in = WebPage.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the web page file " + ROOT + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        throw new IllegalArgumentException("no content type for " + name);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(d, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
