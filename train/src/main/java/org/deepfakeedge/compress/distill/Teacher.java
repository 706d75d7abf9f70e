package org.deepfakeedge.compress.distill;

import java.util.List;
import java.util.stream.IntStream;
import org.deepfakeedge.artifact.ArtifactManifest;
import org.deepfakeedge.artifact.Preprocessing;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.engine.DjlNetwork;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.provenance.Provenance;
import org.deepfakeedge.runtime.OrtDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frozen teacher of a distillation: raw logits (never divided by a calibration temperature) for
 * batches of normalised N·C·H·W images, on the {@link TeacherRuntime} it was opened with. Not
 * thread-safe.
 */
public abstract class Teacher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Teacher.class);

    private final ModelSpec spec;
    private final TeacherRuntime runtime;
    private final byte[] id;

    private Teacher(ModelSpec spec, Weights weights, TeacherRuntime runtime) {
        this.spec = spec;
        this.runtime = runtime;
        java.security.MessageDigest md = TeacherAnswerCache.sha256();
        md.update(TeacherAnswerCache.teacherId(spec, weights));
        md.update(runtime.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        this.id = md.digest();
    }

    /**
     * Opens {@code spec} with {@code weights} on {@code runtime}, with as many intra-op threads as
     * DJL's engine (started if needed). A teacher ONNX Runtime cannot run (the exporter refuses its
     * layers) runs on DJL instead, with a warning; {@link #runtime()} says which one runs.
     */
    public static Teacher open(ModelSpec spec, Weights weights, TeacherRuntime runtime) {
        if (runtime == TeacherRuntime.ONNX) {
            DjlEngine.get(); // the thread count the student trains with
            try {
                return new Ort(spec, weights, DjlEngine.threads());
            } catch (RuntimeException e) {
                LOG.warn(
                        "the teacher {} cannot run on ONNX Runtime ({}); it runs on DJL",
                        spec.arch(),
                        e.getMessage());
            }
        }
        return new Djl(spec, weights);
    }

    /** Returns the teacher's spec. */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * Returns a digest of everything the answers depend on: the spec, every weight and the runtime,
     * whose answers differ from another runtime's in the last digits.
     */
    byte[] id() {
        return id;
    }

    /** Returns where the forward passes run. */
    public TeacherRuntime runtime() {
        return runtime;
    }

    /** Returns the logits (N, classes) row by row for {@code n} images packed as N·C·H·W floats. */
    public abstract float[] logits(float[] batch, int n);

    @Override
    public abstract void close();

    private static final class Djl extends Teacher {
        private final DjlNetwork network;

        Djl(ModelSpec spec, Weights weights) {
            super(spec, weights, TeacherRuntime.DJL);
            network = DjlNetwork.create(spec, weights);
            network.parameters().values().forEach(p -> p.getArray().setRequiresGradient(false));
        }

        @Override
        public float[] logits(float[] batch, int n) {
            return network.logits(batch, n);
        }

        @Override
        public void close() {
            network.close();
        }
    }

    private static final class Ort extends Teacher {
        private final OrtDetector session;

        Ort(ModelSpec spec, Weights weights, int threads) {
            super(spec, weights, TeacherRuntime.ONNX);
            session = OrtDetector.inMemory(manifest(spec), weights, threads);
        }

        /** A manifest without temperature, so the graph's output is the raw logits. */
        private static ArtifactManifest manifest(ModelSpec spec) {
            return new ArtifactManifest(
                    ArtifactManifest.SCHEMA_VERSION,
                    "teacher",
                    spec,
                    Preprocessing.defaults(spec.imageSize()),
                    IntStream.range(0, spec.numClasses()).mapToObj(i -> "class-" + i).toList(),
                    0.5,
                    List.of(),
                    null,
                    Provenance.note("a distillation's teacher, exported in memory"));
        }

        @Override
        public float[] logits(float[] batch, int n) {
            return session.logits(batch, n);
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
