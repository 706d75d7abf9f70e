package org.deepfakeedge.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.deepfakeedge.InvalidInputException;

/**
 * The shared secret a client must send, as {@code Authorization: Bearer KEY} or {@code X-API-Key:
 * KEY}. Compared in constant time so response timing does not leak how much of a guess matched.
 */
public final class ApiKey {
    private final byte[] key;

    private ApiKey(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the key held in a file (surrounding whitespace and the trailing newline ignored).
     *
     * @throws InvalidInputException if the file is missing, unreadable or blank
     */
    public static ApiKey fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new InvalidInputException(
                    "cannot read the API key file " + file + ": " + e.getMessage(), e);
        }
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(
                    "the API key file "
                            + file
                            + " must hold one key without spaces (e.g. the output of: openssl rand -hex 24)");
        }
        return new ApiKey(text);
    }

    /** Returns a key given directly (for tests and embedding). */
    public static ApiKey of(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidInputException("API key must not be blank");
        }
        return new ApiKey(key.strip());
    }

    /**
     * Returns true if the headers carry this key.
     *
     * @param authorization the {@code Authorization} header, may be null
     * @param xApiKey the {@code X-API-Key} header, may be null
     */
    public boolean accepts(String authorization, String xApiKey) {
        String sent = xApiKey;
        if (sent == null
                && authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            sent = authorization.substring(7).strip();
        }
        return sent != null && MessageDigest.isEqual(key, sent.getBytes(StandardCharsets.UTF_8));
    }
}
