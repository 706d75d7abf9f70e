package org.deepfakeedge.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.deepfakeedge.InvalidInputException;

/**
 * Content fingerprint of a data set, recorded in every artifact's provenance.
 *
 * <p>SHA-256 over the sorted lines {@code path \t size \t sha256(content) \t label \t split \t
 * generator [\t video]}, one per sample ({@code video} only when the sample has one), preceded by a
 * line with the class names; {@code path} is relative to the index root with {@code /} separators
 * (absolute when the file lies outside the root). The fingerprint therefore changes when any file's
 * bytes, name, label, split or generator change, and does not depend on where the data set is
 * stored or on the order of the samples. Files are hashed in parallel. Stateless and thread-safe.
 */
public final class DatasetFingerprint {

    private static final HexFormat HEX = HexFormat.of();

    private DatasetFingerprint() {}

    /**
     * Fingerprints a data set using all available processors.
     *
     * @param index the data set
     * @return 64 lower-case hex digits
     * @throws InvalidInputException if a file has vanished or cannot be read since the scan
     */
    public static String of(DatasetIndex index) {
        return of(index, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Fingerprints a data set.
     *
     * @param index the data set
     * @param threads number of hashing threads, &ge; 1
     * @return 64 lower-case hex digits
     * @throws InvalidInputException if a file has vanished or cannot be read since the scan
     */
    public static String of(DatasetIndex index, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
        List<Sample> samples = index.samples();
        Path root = index.root().toAbsolutePath().normalize();
        String[] lines = new String[samples.size()];
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(
                            () ->
                                    IntStream.range(0, lines.length)
                                            .parallel()
                                            .forEach(i -> lines[i] = line(root, samples.get(i))))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fingerprinting " + root, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Fingerprinting " + root + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<String> sorted = new ArrayList<>(List.of(lines));
        sorted.sort(null);
        MessageDigest total = sha256();
        total.update(
                ("classes\t" + String.join(",", index.classNames()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        for (String line : sorted) {
            total.update(line.getBytes(StandardCharsets.UTF_8));
            total.update((byte) '\n');
        }
        return HEX.formatHex(total.digest());
    }

    private static String line(Path root, Sample s) {
        Path path = s.path().toAbsolutePath().normalize();
        String name = ImageFiles.relativeName(root, path);
        MessageDigest digest = sha256();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(
                    "Cannot fingerprint the data set: "
                            + path
                            + " has vanished since the scan."
                            + " Fix: re-open the data set.",
                    e);
        } catch (IOException e) {
            throw new InvalidInputException(
                    "Cannot fingerprint the data set: cannot read "
                            + path
                            + ": "
                            + e.getMessage()
                            + ". Fix: check the file's permissions or remove it.",
                    e);
        }
        return name
                + '\t'
                + size
                + '\t'
                + HEX.formatHex(digest.digest())
                + '\t'
                + s.label()
                + '\t'
                + s.split().id()
                + '\t'
                + s.generator()
                // Only when present, so that image data sets keep the fingerprints they had.
                + (s.video().isEmpty() ? "" : "\t" + s.video());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
