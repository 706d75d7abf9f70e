package org.deepfakeedge.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.deepfakeedge.runtime.OrtDetector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The occlusion heatmap of a model trained where the fake evidence lies in a known region puts its
 * mass there: on ONNX Runtime, as the service and every exported model run. {@link
 * PlantedRegionModel} trains the model once per JVM, so a Grad-CAM test can assert the same on it.
 */
@Tag("engine")
class OcclusionEvidenceTest {
    @Test
    void occlusion_maps_concentrate_in_the_planted_region() {
        PlantedRegionModel.Trained m = PlantedRegionModel.get();
        List<BufferedImage> fakes = m.testFakes(40);
        try (OrtDetector detector = OrtDetector.of(m.artifact(), 1)) {
            long start = System.nanoTime();
            double inside = PlantedRegionModel.meanMassInside(detector::explain, fakes);
            double seconds = (System.nanoTime() - start) / 1e9;
            double auc = m.outcome().test().evaluation().rocAuc();
            System.err.printf(
                    "OcclusionEvidenceTest: test AUC %.3f; mean mass inside the region %.3f over %d"
                            + " fakes, area share %.3f (%.2fx); model %.1f s, maps %.1f s%n",
                    auc,
                    inside,
                    fakes.size(),
                    m.areaShare(),
                    inside / m.areaShare(),
                    m.seconds(),
                    seconds);
            assertThat(auc).as("the model learned the planted fingerprint").isGreaterThan(0.65);
            // measured 0.62 (2.5x the share 0.25); a map blind to the region gives about 0.25
            assertThat(inside).isGreaterThan(1.5 * m.areaShare());
        }
    }
}
