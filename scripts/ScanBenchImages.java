import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;

/**
 * The images of scripts/scan-bench.sh: N square JPEGs of the built-in generator (seed 42, mixed,
 * train split, real and fake in turn), written with the JDK's JPEG writer at a given quality.
 * Deterministic: the same arguments give the same files.
 *
 * <pre>java -cp "cli/target/deepfake-edge.jar:cli/target/lib/*" scripts/ScanBenchImages.java OUT N SIZE QUALITY</pre>
 */
public final class ScanBenchImages {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        float quality = Integer.parseInt(args[3]) / 100f;
        SynthSpec spec = SynthSpec.defaults().withImageSize(size);
        Files.createDirectories(out);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        for (int i = 0; i < n; i++) {
            BufferedImage img = SyntheticDatasets.render(spec, "train", i % 2, i / 2);
            Path file = out.resolve(String.format("img-%05d.jpg", i));
            try (ImageOutputStream s = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(s);
                writer.write(null, new IIOImage(img, null, null), param);
            }
        }
        writer.dispose();
    }
}
