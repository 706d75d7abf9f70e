package org.deepfakeedge.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.artifact.Preprocessors;
import org.deepfakeedge.artifact.WeightsCodec;
import org.deepfakeedge.compress.distill.DistillationObjective;
import org.deepfakeedge.compress.distill.Teacher;
import org.deepfakeedge.compress.distill.TeacherRuntime;
import org.deepfakeedge.compress.distill.TeacherViews;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.ModelZoo;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.deepfakeedge.workflow.TrainWorkflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Soak test of the training loop: many short trainings in a row in one JVM and in fresh processes,
 * every architecture, plain, masked (pruning fine-tune), with an adapter and frozen layers, and
 * distilled. Each case runs twice and must give bit-identical weights; resident memory must stop
 * growing once every case has run once; nothing may crash.
 *
 * <p>Tagged {@code soak} and excluded from {@code mvn verify}; run it with the command in
 * docs/training.md ({@code mvn verify -pl train -am -Dgroups=soak -DexcludedTestGroups=none
 * -Dit.test=TrainingSoakIT ...}, about two minutes per ten rounds on two cores). {@code
 * -Dsoak.rounds=N} repeats the whole set N times (default 10).
 */
@Tag("soak")
class TrainingSoakIT {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSoakIT.class);
    private static final int SIZE = 64;

    @TempDir static Path dir;
    static List<Sample> train;
    static List<Sample> val;

    @BeforeAll
    static void data() throws IOException {
        Path root = dir.resolve("data");
        SyntheticDatasets.write(
                new SynthSpec(SIZE, 64, 5, "mixed", 0.25, 0), root, ProgressListener.NONE);
        DatasetIndex index = DatasetLoader.open(root, new DatasetOptions(5, 0, 0));
        train = index.split(Split.TRAIN);
        val = index.split(Split.VAL);
    }

    /** One training case: its name and how to build its plan. */
    private record Case(
            String name, java.util.function.Supplier<TrainingPlan> plan, AutoCloseable resource) {}

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String arch : ModelZoo.NAMES) {
            ModelSpec spec = ModelZoo.build(arch, SIZE);
            cases.add(new Case(arch, () -> TrainingPlan.fromScratch(spec, 3), null));
        }
        ModelSpec s30 = ModelZoo.build("student-30", SIZE);
        cases.add(new Case("student-30 masked", () -> masked(s30), null));
        ModelSpec adapted = withAdapter(s30);
        cases.add(new Case("student-30 adapter, frozen convs", () -> adapterPlan(adapted), null));
        ModelSpec teacher = ModelZoo.build("teacher", SIZE);
        ModelSpec student = ModelZoo.build("student-10", SIZE);
        cases.add(
                new Case(
                        "student-10 distilled",
                        () ->
                                TrainingPlan.fromScratch(student, 4)
                                        .withObjective(
                                                new DistillationObjective(
                                                        Teacher.open(
                                                                teacher,
                                                                WeightInit.pytorchDefault(
                                                                        teacher, 9),
                                                                TeacherRuntime.ONNX),
                                                        2.0,
                                                        0.7,
                                                        TeacherViews.MIRROR)),
                        null));
        return cases;
    }

    /** Every second weight of every conv and linear layer masked to zero. */
    private static TrainingPlan masked(ModelSpec spec) {
        Weights w = WeightInit.pytorchDefault(spec, 3);
        Map<String, Tensor> masks = new LinkedHashMap<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Conv || l instanceof Layer.Linear) {
                Tensor t = w.get(l.name() + ".weight");
                float[] m = new float[t.data().length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = i % 2;
                }
                masks.put(l.name() + ".weight", new Tensor(t.shape(), m));
            }
        }
        return new TrainingPlan(spec, w, n -> true, Set.of(), masks, Objective.crossEntropy());
    }

    private static ModelSpec withAdapter(ModelSpec spec) {
        int at = spec.layers().indexOf(spec.layer("relu2")) + 1;
        int c = ((Layer.Conv) spec.layer("conv2")).out();
        return spec.withLayers(
                ls -> {
                    ls.add(at, new Layer.Adapter("adapter", c));
                    return ls;
                });
    }

    /**
     * Only the adapter and the head train; the BatchNorm layers of the frozen part run in inference
     * mode.
     */
    private static TrainingPlan adapterPlan(ModelSpec spec) {
        Set<String> frozenBn = new java.util.HashSet<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.BatchNorm) {
                frozenBn.add(l.name());
            }
        }
        return new TrainingPlan(
                spec,
                WeightInit.pytorchDefault(spec, 3),
                n -> n.startsWith("adapter.") || n.startsWith("fc"),
                frozenBn,
                Map.of(),
                Objective.crossEntropy());
    }

    private static TrainSpec spec() {
        return TrainSpec.defaults().withEpochs(2).withBatchSize(16).withThreads(2);
    }

    private static Weights trainOnce(Case c) throws IOException {
        TrainingPlan plan = c.plan().get();
        try {
            return new DetectorTrainer(
                            spec(),
                            Preprocessors.of(
                                    TrainWorkflow.preprocessing(SIZE, "imagenet", "stretch")),
                            TrainListener.NONE)
                    .train(plan, train, val, null, false, c.name())
                    .weights();
        } finally {
            if (plan.objective() instanceof AutoCloseable a) {
                try {
                    a.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void repeated_trainings_in_one_jvm_are_bit_identical_and_memory_stays_bounded()
            throws Exception {
        int rounds = Integer.getInteger("soak.rounds", 10);
        long t0 = System.nanoTime();
        Map<String, String> first = new LinkedHashMap<>();
        List<Long> rssAfterRound = new ArrayList<>();
        long peak = 0;
        int runs = 0;
        for (int round = 1; round <= rounds; round++) {
            for (Case c : cases()) {
                String hash = hash(trainOnce(c));
                runs++;
                String before = first.putIfAbsent(c.name(), hash);
                assertThat(hash)
                        .as("%s, round %d, against round 1", c.name(), round)
                        .isEqualTo(before == null ? hash : before);
                peak = Math.max(peak, rssBytes());
            }
            System.gc();
            rssAfterRound.add(rssBytes());
            LOG.info(
                    "soak round {}: {} runs so far, RSS {} MiB, peak {} MiB, {} s",
                    round,
                    runs,
                    rssAfterRound.get(round - 1) >> 20,
                    peak >> 20,
                    (System.nanoTime() - t0) / 1_000_000_000);
        }
        // round 1 warms every cache (kernels, shapes, decoded images); later rounds must not grow
        if (rounds >= 3) {
            long growth =
                    rssAfterRound.get(rounds - 1) - rssAfterRound.get(Math.min(1, rounds - 1));
            assertThat(growth)
                    .as("RSS growth after round 2 (MiB): %s", rssAfterRound)
                    .isLessThan(256L << 20);
        }
        Files.writeString(
                dir.resolve("soak.txt"), "runs " + runs + " peak_rss_mib " + (peak >> 20));
    }

    @Test
    void the_same_training_in_fresh_processes_gives_the_same_weights() throws Exception {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("process-" + i + ".txt");
            ProcessBuilder pb =
                    new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-Xmx2g",
                            "-Dai.djl.offline=true",
                            "-cp",
                            System.getProperty("java.class.path"),
                            TrainingSoakIT.class.getName(),
                            dir.resolve("data").toString(),
                            out.toString());
            pb.environment().put("MALLOC_ARENA_MAX", "1");
            pb.redirectErrorStream(true)
                    .redirectOutput(dir.resolve("process-" + i + ".log").toFile());
            Process p = pb.start();
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("process %d finished", i).isTrue();
            assertThat(p.exitValue())
                    .as(
                            "process %d exit code; log: %s",
                            i, Files.readString(dir.resolve("process-" + i + ".log")))
                    .isZero();
            hashes.add(Files.readString(out).trim());
        }
        assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
    }

    /** Child process: trains the teacher and student-10 once each, writes their weight hashes. */
    public static void main(String[] args) throws Exception {
        DatasetIndex index = DatasetLoader.open(Path.of(args[0]), new DatasetOptions(5, 0, 0));
        train = index.split(Split.TRAIN);
        val = index.split(Split.VAL);
        StringBuilder b = new StringBuilder();
        for (Case c : cases()) {
            if (c.name().equals("teacher")
                    || c.name().equals("student-10")
                    || c.name().equals("student-30 masked")) {
                b.append(c.name()).append('=').append(hash(trainOnce(c))).append(' ');
            }
        }
        Files.writeString(Path.of(args[1]), b.toString(), StandardCharsets.UTF_8);
        System.exit(0);
    }

    private static String hash(Weights w) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        WeightsCodec.write(w, bytes);
        return ModelArtifact.sha256(bytes.toByteArray());
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
            }
        }
        return 0;
    }
}
