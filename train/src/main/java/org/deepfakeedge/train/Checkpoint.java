package org.deepfakeedge.train;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.artifact.WeightsCodec;
import org.deepfakeedge.io.AtomicFiles;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Json;

/**
 * The state of an unfinished training run, saved after every epoch so {@code --resume} continues
 * where a killed run stopped.
 *
 * <p>Files: {@code current.bin} (weights after the last finished epoch), {@code best.bin}, {@code
 * optimizer.bin} (moment estimates), and {@code state.json} written last, so a state file always
 * refers to complete weight files.
 *
 * @param epochsDone finished epochs
 * @param bestEpoch best epoch so far (0 if none)
 * @param bestScore its selection score (higher is better)
 * @param epochs per-epoch records
 * @param trainSeconds wall time so far
 * @param imagesSeen training images so far
 * @param fingerprint what the run trains (spec, options, data), to refuse resuming another run
 */
record Checkpoint(
        int epochsDone,
        int bestEpoch,
        double bestScore,
        List<EpochRecord> epochs,
        double trainSeconds,
        long imagesSeen,
        String fingerprint) {

    static final String STATE = "state.json";

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(STATE));
    }

    void save(Path dir, Weights current, Weights best, Weights optimizer) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("current.bin"), out -> WeightsCodec.write(current, out));
        if (best != null) {
            AtomicFiles.write(dir.resolve("best.bin"), out -> WeightsCodec.write(best, out));
        }
        AtomicFiles.write(dir.resolve("optimizer.bin"), out -> WeightsCodec.write(optimizer, out));
        Json.write(dir.resolve(STATE), this);
    }

    static Checkpoint load(Path dir) {
        try {
            return Json.MAPPER.readValue(dir.resolve(STATE).toFile(), Checkpoint.class);
        } catch (IOException e) {
            throw new ArtifactException(
                    "checkpoint "
                            + dir.resolve(STATE)
                            + " is unreadable ("
                            + e.getMessage()
                            + "); delete "
                            + dir
                            + " and train without --resume",
                    e);
        }
    }

    static Weights weights(Path dir, String name) {
        Path f = dir.resolve(name);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            return WeightsCodec.read(in, f.toString());
        } catch (IOException e) {
            throw new ArtifactException(
                    "cannot read checkpoint file " + f + ": " + e.getMessage(), e);
        }
    }
}
