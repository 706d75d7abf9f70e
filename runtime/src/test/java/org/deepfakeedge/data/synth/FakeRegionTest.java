package org.deepfakeedge.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeRegionTest {
    private static final SynthSpec SPEC = SynthSpec.defaults().withImageSize(32).withCount(12);
    private static final FakeRegion LEFT_HALF = new FakeRegion(0, 0, 0.5, 1);
    private static final FakeRegion LEFT_QUARTER = new FakeRegion(0, 0, 0.25, 1);

    @TempDir Path tmp;

    @Test
    void parses_checks_and_maps_to_pixels() {
        FakeRegion r = FakeRegion.parse("0.5, 0,0.5,0.25");
        assertThat(r).isEqualTo(new FakeRegion(0.5, 0, 0.5, 0.25));
        assertThat(r.pixels(64)).isEqualTo(new Rectangle(32, 0, 32, 16));
        assertThat(r.areaShare(64)).isEqualTo(0.125);
        assertThat(r.toString()).isEqualTo("0.5,0,0.5,0.25");
        assertThat(FakeRegion.parse(r.toString())).isEqualTo(r);
        assertThat(new FakeRegion(0.7, 0.7, 0.3, 0.3).pixels(10))
                .isEqualTo(new Rectangle(7, 7, 3, 3));
        assertThat(new FakeRegion(0.5, 0.5, 0.01, 0.01).pixels(16))
                .as("at least one pixel")
                .isEqualTo(new Rectangle(8, 8, 1, 1));
        assertThatThrownBy(() -> FakeRegion.parse("0.5,0,0.5"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--fake-region must be X,Y,W,H")
                .hasMessageContaining("'0.5,0,0.5'");
        assertThatThrownBy(() -> FakeRegion.parse("a,0,0.5,0.5"))
                .hasMessageContaining("four numbers");
        assertThatThrownBy(() -> FakeRegion.parse("0.6,0,0.5,0.5"))
                .hasMessageContaining("inside the image")
                .hasMessageContaining("found 0.6,0,0.5,0.5");
        assertThatThrownBy(() -> FakeRegion.parse("0,0,0,0.5")).hasMessageContaining("> 0");
        assertThatThrownBy(() -> FakeRegion.parse("-0.1,0,0.5,0.5")).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> SPEC.withGenerator("shapes").withFakeRegion(LEFT_HALF))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'shapes' has no fakes");
    }

    @Test
    void a_fake_is_the_family_fake_inside_the_region_and_the_real_photo_outside() {
        for (String family : new String[] {"checkerboard", "smooth", "spectral"}) {
            SynthSpec whole = SPEC.withGenerator(family);
            for (int i = 0; i < 3; i++) {
                int[] fake = pixels(SyntheticDatasets.render(whole, "train", 1, i));
                int[] half =
                        pixels(
                                SyntheticDatasets.render(
                                        whole.withFakeRegion(LEFT_HALF), "train", 1, i));
                int[] quarter =
                        pixels(
                                SyntheticDatasets.render(
                                        whole.withFakeRegion(LEFT_QUARTER), "train", 1, i));
                int differs = 0;
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int p = y * 32 + x;
                        String at = family + " #" + i + " (" + x + ", " + y + ")";
                        if (x < 8) { // inside both: the family's fake
                            assertThat(half[p]).as(at).isEqualTo(fake[p]);
                            assertThat(quarter[p]).as(at).isEqualTo(fake[p]);
                        } else if (x >= 16) { // outside both: the same real photograph
                            assertThat(quarter[p]).as(at).isEqualTo(half[p]);
                        } else {
                            assertThat(half[p]).as(at).isEqualTo(fake[p]);
                            differs += quarter[p] != half[p] ? 1 : 0;
                        }
                    }
                }
                // between the two regions' edges one image is fake, the other real
                assertThat(differs).as(family + " #" + i).isGreaterThan(8 * 32 / 2);
            }
        }
    }

    @Test
    void real_images_do_not_change_and_the_region_is_recorded(@TempDir Path other)
            throws Exception {
        SynthSpec planted = SPEC.withFakeRegion(new FakeRegion(0.5, 0, 0.5, 0.5));
        for (int i = 0; i < 4; i++) {
            assertThat(pixels(SyntheticDatasets.render(planted, "test", 0, i)))
                    .isEqualTo(pixels(SyntheticDatasets.render(SPEC, "test", 0, i)));
        }
        Path a = tmp.resolve("a");
        SyntheticDatasets.write(planted, a, ProgressListener.NONE);
        SyntheticDatasets.write(planted, other.resolve("b"), ProgressListener.NONE);
        for (Path f : Files.walk(a).filter(Files::isRegularFile).toList()) {
            assertThat(Files.readAllBytes(other.resolve("b").resolve(a.relativize(f))))
                    .as("byte-identical %s", f)
                    .isEqualTo(Files.readAllBytes(f));
        }
        JsonNode r =
                new ObjectMapper()
                        .readTree(a.resolve("dataset.json").toFile())
                        .at("/spec/fake_region");
        assertThat(r.toString())
                .isEqualTo(
                        "{\"x\":0.5,\"y\":0.0,\"width\":0.5,\"height\":0.5,"
                                + "\"pixels\":{\"x\":16,\"y\":0,\"width\":16,\"height\":16},"
                                + "\"area_share\":0.25}");
        assertThat(SyntheticDatasets.fakeRegion(a)).contains(planted.fakeRegion());

        Path plain = tmp.resolve("plain");
        SyntheticDatasets.write(SPEC, plain, ProgressListener.NONE);
        assertThat(SyntheticDatasets.fakeRegion(plain)).isEmpty();
        assertThat(Files.readString(plain.resolve("dataset.json"))).doesNotContain("fake_region");
        assertThat(SyntheticDatasets.fakeRegion(tmp)).as("not a dataset").isEmpty();
    }

    private static int[] pixels(BufferedImage image) {
        int n = image.getWidth();
        return image.getRGB(0, 0, n, n, null, 0, n);
    }
}
