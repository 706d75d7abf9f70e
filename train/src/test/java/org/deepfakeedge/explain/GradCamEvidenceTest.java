package org.deepfakeedge.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.deepfakeedge.runtime.djl.DjlDetector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Grad-CAM on the DJL runtime puts its mass where the fake evidence was planted, on the model of
 * {@link OcclusionEvidenceTest} ({@link PlantedRegionModel}, trained once per JVM).
 */
@Tag("engine")
class GradCamEvidenceTest {
    @Test
    void grad_cam_maps_concentrate_in_the_planted_region() {
        PlantedRegionModel.Trained m = PlantedRegionModel.get();
        List<BufferedImage> fakes = m.testFakes(40);
        try (DjlDetector detector = DjlDetector.of(m.artifact())) {
            assertThat(detector.explain(fakes.get(0)).method()).isEqualTo("grad-cam");
            double inside = PlantedRegionModel.meanMassInside(detector::explain, fakes);
            System.err.printf(
                    "GradCamEvidenceTest: mean mass inside the region %.3f over %d fakes, area"
                            + " share %.3f (%.2fx)%n",
                    inside, fakes.size(), m.areaShare(), inside / m.areaShare());
            assertThat(inside).isGreaterThan(1.5 * m.areaShare());
        }
    }
}
