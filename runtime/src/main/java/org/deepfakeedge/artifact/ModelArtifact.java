package org.deepfakeedge.artifact;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.model.InvalidSpecException;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Json;

/**
 * A model artifact directory: {@code model.json} (manifest), {@code weights.bin} (tensors) and,
 * when evaluated, {@code metrics.json}.
 *
 * <p>Saving writes the weights first and {@code model.json} last, each atomically, so a directory
 * with a readable {@code model.json} always has the weights it names; loading verifies the weights'
 * SHA-256 and their fit to the spec. Immutable and thread-safe.
 *
 * @param dir the directory
 * @param manifest the parsed {@code model.json}
 * @param weights the tensors
 */
public record ModelArtifact(Path dir, ArtifactManifest manifest, Weights weights) {
    public static final String MANIFEST = "model.json";
    public static final String WEIGHTS = "weights.bin";
    public static final String METRICS = "metrics.json";

    /** Returns true if {@code dir} holds a model artifact. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /**
     * Writes {@code weights} and then the manifest into {@code dir}.
     *
     * @return the saved artifact (manifest completed with the weights' size and checksum)
     */
    public static ModelArtifact save(Path dir, ArtifactManifest manifest, Weights weights)
            throws IOException {
        weights.checkAgainst(manifest.spec());
        Files.createDirectories(dir);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
        WeightsCodec.write(weights, buf);
        byte[] bytes = buf.toByteArray();
        AtomicFiles.write(dir.resolve(WEIGHTS), bytes);
        ArtifactManifest done =
                manifest.withWeights(
                        new ArtifactManifest.WeightsInfo(WEIGHTS, bytes.length, sha256(bytes)));
        Json.write(dir.resolve(MANIFEST), done);
        return new ModelArtifact(dir, done, weights);
    }

    /**
     * Writes {@code manifest} as the manifest of this artifact's weights into {@code target}: in
     * place ({@code target} is this artifact's folder) only {@code model.json} is replaced; into
     * another folder the weights file is first copied byte for byte (so its SHA-256, the base of
     * the artifact id, stays), then {@code model.json} written. Each file is written atomically,
     * {@code model.json} last, as {@link #save} does.
     *
     * @param manifest the new manifest; its weights record must be this artifact's
     * @return the artifact in {@code target}
     */
    public ModelArtifact withManifest(Path target, ArtifactManifest manifest) throws IOException {
        if (!java.util.Objects.equals(manifest.weights(), this.manifest.weights())) {
            throw new IllegalArgumentException(
                    "the new manifest must keep the weights record "
                            + this.manifest.weights()
                            + ", found "
                            + manifest.weights());
        }
        Files.createDirectories(target);
        if (!Files.isSameFile(dir, target)) {
            Path from = dir.resolve(manifest.weights().file());
            AtomicFiles.write(
                    target.resolve(manifest.weights().file()), out -> Files.copy(from, out));
        }
        Json.write(target.resolve(MANIFEST), manifest);
        return new ModelArtifact(target, manifest, weights);
    }

    /**
     * Loads and verifies an artifact.
     *
     * @throws ArtifactException if the directory, manifest or weights are missing, corrupt or do
     *     not match each other
     */
    public static ModelArtifact load(Path dir) {
        Path mf = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir)) {
            throw new ArtifactException(
                    "model folder "
                            + dir
                            + " does not exist; pass the --out folder of a train/compress run");
        }
        if (!Files.isRegularFile(mf)) {
            throw new ArtifactException(
                    dir
                            + " has no "
                            + MANIFEST
                            + ": not a model artifact (was its run interrupted?)");
        }
        ArtifactManifest m;
        try {
            m = Json.MAPPER.readValue(mf.toFile(), ArtifactManifest.class);
        } catch (InvalidSpecException e) {
            throw new ArtifactException(mf + " holds an invalid model spec: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ArtifactException(
                    mf
                            + " is not a valid model manifest ("
                            + firstLine(e)
                            + "); re-create the model",
                    e);
        }
        if (m.schemaVersion() > ArtifactManifest.READABLE_SCHEMA_VERSION) {
            throw new ArtifactException(
                    mf
                            + " has schema_version "
                            + m.schemaVersion()
                            + ", this build reads up to "
                            + ArtifactManifest.READABLE_SCHEMA_VERSION
                            + "; upgrade deepfake-edge");
        }
        if (m.weights() == null || m.spec() == null) {
            throw new ArtifactException(
                    mf + " lacks its spec or weights record; re-create the model");
        }
        Path wf = dir.resolve(m.weights().file());
        Weights w;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(wf), 1 << 16)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            DigestInputStream in = new DigestInputStream(raw, md);
            w = WeightsCodec.read(in, wf.toString());
            in.transferTo(java.io.OutputStream.nullOutputStream());
            String sha = HexFormat.of().formatHex(md.digest());
            if (!sha.equals(m.weights().sha256())) {
                throw new ArtifactException(
                        wf
                                + " fails its checksum (SHA-256 "
                                + sha
                                + ", model.json says "
                                + m.weights().sha256()
                                + "): the file is corrupt or was replaced; re-copy the model");
            }
        } catch (NoSuchFileException e) {
            throw new ArtifactException(
                    wf + " is missing; the artifact is incomplete, re-copy the whole folder", e);
        } catch (IOException e) {
            throw new ArtifactException("cannot read " + wf + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            w.checkAgainst(m.spec());
        } catch (InvalidSpecException e) {
            throw new ArtifactException(
                    dir + ": weights do not match the spec: " + e.getMessage(), e);
        }
        return new ModelArtifact(dir, m, w);
    }

    /** Returns the bytes on disk of the deployable part: weights plus manifest. */
    public long bytesOnDisk() {
        try {
            return Files.size(dir.resolve(MANIFEST))
                    + Files.size(dir.resolve(manifest.weights().file()));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Returns the hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(Exception e) {
        String s = String.valueOf(e.getMessage());
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
