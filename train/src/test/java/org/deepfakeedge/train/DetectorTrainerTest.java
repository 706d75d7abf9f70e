package org.deepfakeedge.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.deepfakeedge.data.ImagePreprocessor;
import org.deepfakeedge.data.Sample;
import org.deepfakeedge.data.Split;
import org.deepfakeedge.model.Layer;
import org.deepfakeedge.model.ModelSpec;
import org.deepfakeedge.model.Tensor;
import org.deepfakeedge.model.WeightInit;
import org.deepfakeedge.model.Weights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on a tiny network and a trivially separable image set (bright vs dark). */
@Tag("engine")
class DetectorTrainerTest {
    @TempDir static Path data;
    static List<Sample> train = new ArrayList<>();
    static List<Sample> val = new ArrayList<>();

    static final ModelSpec TINY =
            new ModelSpec(
                    "tiny",
                    16,
                    3,
                    2,
                    List.of(
                            Layer.Conv.c3("conv1", 3, 4),
                            new Layer.BatchNorm("bn1", 4),
                            new Layer.Relu("relu1"),
                            new Layer.MaxPool("pool1", 2, 2),
                            new Layer.Flatten("flatten"),
                            new Layer.Dropout("drop1", 0.5),
                            new Layer.Linear("fc1", 4 * 8 * 8, 8, true),
                            new Layer.Relu("fc1_relu"),
                            new Layer.Linear("fc2", 8, 2, true)));

    @BeforeAll
    static void images() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 48; i++) {
            int label = i % 2;
            BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int v = (label == 1 ? 150 : 60) + r.nextInt(60);
                    img.setRGB(x, y, v << 16 | v << 8 | v);
                }
            }
            Path f = data.resolve(i + ".png");
            ImageIO.write(img, "png", f.toFile());
            (i < 36 ? train : val).add(new Sample(f, label, i < 36 ? Split.TRAIN : Split.VAL, ""));
        }
    }

    private static TrainSpec spec(int epochs) {
        return TrainSpec.defaults()
                .withEpochs(epochs)
                .withBatchSize(8)
                .withLr(0.01)
                .withAugmentation("none");
    }

    private static DetectorTrainer trainer(int epochs) {
        return new DetectorTrainer(spec(epochs), new ImagePreprocessor(16), TrainListener.NONE);
    }

    @Test
    void learns_a_separable_task_and_picks_a_threshold() throws Exception {
        TrainResult r =
                trainer(6).train(TrainingPlan.fromScratch(TINY, 1), train, val, null, false, "x");
        assertThat(r.epochs()).hasSize(6);
        EpochRecord best = r.epochs().get(r.bestEpoch() - 1);
        assertThat(best.valAuc()).as("val AUC of best epoch %s", best).isGreaterThan(0.95);
        assertThat(r.threshold()).isBetween(0.0, 1.0);
        assertThat(r.trainSeconds()).isPositive();
        assertThat(r.imagesSeen()).isEqualTo(6L * 36);
    }

    @Test
    void frozen_tensors_and_frozen_batchnorm_statistics_stay_bit_identical() throws Exception {
        Weights init = WeightInit.pytorchDefault(TINY, 5);
        TrainingPlan plan =
                new TrainingPlan(
                        TINY,
                        init,
                        name -> name.startsWith("fc2."),
                        Set.of("bn1"),
                        Map.of(),
                        Objective.crossEntropy());
        Weights after = trainer(2).train(plan, train, val, null, false, "x").weights();
        for (String k : init.keys()) {
            if (k.startsWith("fc2.")) {
                assertThat(after.get(k).sameAs(init.get(k)))
                        .as("%s should have changed", k)
                        .isFalse();
            } else {
                assertThat(after.get(k).sameAs(init.get(k)))
                        .as("%s must stay bit-identical", k)
                        .isTrue();
            }
        }
    }

    @Test
    void masked_weights_stay_exactly_zero() throws Exception {
        Weights init = WeightInit.pytorchDefault(TINY, 9);
        Tensor mask = Tensor.filled(1f, 8, 256);
        for (int i = 0; i < mask.size(); i += 3) {
            mask.data()[i] = 0f;
        }
        TrainingPlan plan =
                new TrainingPlan(
                        TINY,
                        init,
                        n -> true,
                        Set.of(),
                        Map.of("fc1.weight", mask),
                        Objective.crossEntropy());
        Tensor w = trainer(2).train(plan, train, val, null, false, "x").weights().get("fc1.weight");
        for (int i = 0; i < w.size(); i++) {
            if (i % 3 == 0) {
                assertThat(w.data()[i]).as("masked weight %d", i).isEqualTo(0f);
            }
        }
        assertThat(w.nonZero()).isGreaterThan(w.size() / 2);
    }

    @Test
    void a_resumed_run_ends_where_an_unbroken_run_ends(@TempDir Path ckpt) throws Exception {
        TrainResult whole =
                trainer(3).train(TrainingPlan.fromScratch(TINY, 2), train, val, null, false, "run");
        // "killed" after epoch 2: the checkpoint holds 2 finished epochs
        TrainListener killAfter2 =
                new TrainListener() {
                    @Override
                    public void onEpochEnd(EpochRecord record, boolean best) {
                        if (record.epoch() == 2) {
                            throw new IllegalStateException("killed");
                        }
                    }
                };
        DetectorTrainer dying = new DetectorTrainer(spec(3), new ImagePreprocessor(16), killAfter2);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                dying.train(
                                        TrainingPlan.fromScratch(TINY, 2),
                                        train,
                                        val,
                                        ckpt,
                                        false,
                                        "run"))
                .hasMessage("killed");
        assertThat(Files.exists(ckpt.resolve("state.json"))).isTrue();
        TrainResult resumed =
                trainer(3).train(TrainingPlan.fromScratch(TINY, 2), train, val, ckpt, true, "run");
        assertThat(resumed.epochs()).hasSize(3);
        for (String k : whole.weights().keys()) {
            float[] a = whole.weights().get(k).data();
            float[] b = resumed.weights().get(k).data();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i])
                        .as("%s[%d]", k, i)
                        .isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
