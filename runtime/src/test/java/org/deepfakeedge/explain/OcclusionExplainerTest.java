package org.deepfakeedge.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.deepfakeedge.data.ImagePreprocessor;
import org.junit.jupiter.api.Test;

class OcclusionExplainerTest {
    private static final int SIZE = 64;

    /** Evidence = the sum of channel 0 inside [40, 56) × [8, 24): only that region matters. */
    private static float[] regionSum(float[] batch, int n) {
        float[] out = new float[n];
        int per = 3 * SIZE * SIZE;
        for (int i = 0; i < n; i++) {
            for (int y = 8; y < 24; y++) {
                for (int x = 40; x < 56; x++) {
                    out[i] += batch[i * per + y * SIZE + x];
                }
            }
        }
        return out;
    }

    private static float[] brightRegionImage() {
        float[] t = new float[3 * SIZE * SIZE];
        for (int y = 8; y < 24; y++) {
            for (int x = 40; x < 56; x++) {
                t[y * SIZE + x] = 2f;
            }
        }
        return t;
    }

    @Test
    void the_map_concentrates_where_the_evidence_is_and_costs_fifty_passes() {
        AtomicInteger images = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        FakeEvidence counted =
                (b, n) -> {
                    images.addAndGet(n);
                    calls.incrementAndGet();
                    return regionSum(b, n);
                };
        var explainer = new OcclusionExplainer(new ImagePreprocessor(SIZE), counted);
        Heatmap map = explainer.explain(brightRegionImage());

        assertThat(map.forwardPasses()).isEqualTo(50).isEqualTo(images.get());
        assertThat(calls.get()).as("batched: clean + ceil(49/16)").isEqualTo(5);
        double areaShare = 16.0 * 16 / (SIZE * SIZE);
        assertThat(map.massInside(40, 8, 56, 24)).isGreaterThan(4 * areaShare);
        // the far corner is never covered by a mask that touches the region
        assertThat(map.at(2, 60)).isZero();
        float max = 0;
        for (float v : map.values()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        assertThat(map.method()).isEqualTo("occlusion");
    }

    @Test
    void evidence_that_ignores_the_image_gives_an_all_zero_map() {
        var explainer = new OcclusionExplainer(new ImagePreprocessor(SIZE), (b, n) -> new float[n]);
        Heatmap map = explainer.explain(brightRegionImage());
        assertThat(map.values()).containsOnly(0f);
        assertThat(map.massInside(0, 0, SIZE, SIZE)).isZero();
    }

    @Test
    void a_wrong_tensor_or_grid_is_refused() {
        var pre = new ImagePreprocessor(SIZE);
        var explainer = new OcclusionExplainer(pre, (b, n) -> new float[n]);
        assertThatThrownBy(() -> explainer.explain(new float[10]))
                .hasMessageContaining("12288 floats, found 10");
        assertThatThrownBy(() -> new OcclusionExplainer(pre, (b, n) -> new float[n], 0))
                .hasMessageContaining("grid must be in [1, 32]");
        assertThatThrownBy(() -> new OcclusionExplainer(new ImagePreprocessor(4), (b, n) -> null))
                .hasMessageContaining("at least 8 pixels");
    }

    @Test
    void heatmap_values_outside_zero_one_are_refused() {
        assertThatThrownBy(() -> new Heatmap(1, new float[] {1.5f}, "x", 1))
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new Heatmap(2, new float[3], "x", 1))
                .hasMessageContaining("needs 4 values");
    }
}
