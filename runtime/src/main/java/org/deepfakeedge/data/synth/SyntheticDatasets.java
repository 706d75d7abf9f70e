package org.deepfakeedge.data.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deepfakeedge.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and renders deterministic synthetic datasets; the library side of {@code deepfake-edge
 * dataset synth}.
 *
 * <p>{@link #write} produces {@code OUT/{train,val,test}/{real,fake}/...png} plus {@code
 * OUT/dataset.json}. Fakes always sit in a generator sub-folder ({@code fake/checkerboard/}, {@code
 * fake/smooth/}, {@code fake/spectral/}); with {@code mixed} the families take turns by index, so
 * every split holds them in equal shares. Real images stay flat in {@code real/}. The {@code
 * shapes} task writes {@code 0_round/} and {@code 1_angular/} instead.
 *
 * <p>Each image is a pure function of (seed, split, class, index): its random streams are derived
 * by hashing those four values, never taken from shared state. So images are rendered in parallel
 * and the same spec gives byte-identical files, and {@link #render} returns exactly the image the
 * writer puts at that place. Real images, and the scenes behind fakes, do not depend on the
 * generator, so datasets of different families with one seed share their real half.
 *
 * <p>Thread-safe: all methods are static and keep no state.
 */
public final class SyntheticDatasets {

    /** The split folder names, in the order they are listed everywhere. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    /** The value of {@code source} in {@code dataset.json}. */
    public static final String SOURCE = "deepfake-edge synthetic";

    static final String SHAPES = "shapes";
    private static final String MIXED = "mixed";
    private static final List<String> GENERATORS =
            List.of(MIXED, "checkerboard", "smooth", "spectral", SHAPES);
    private static final List<FakeFamily> FAMILIES = List.of(FakeFamily.values());
    private static final int THREADS =
            Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private static final Logger logger = LoggerFactory.getLogger(SyntheticDatasets.class);

    private SyntheticDatasets() {}

    /**
     * Returns the accepted {@code --generator} values: {@code mixed}, {@code checkerboard}, {@code
     * smooth}, {@code spectral} and {@code shapes}.
     *
     * @return the generator names, the default first
     */
    public static List<String> generatorNames() {
        return GENERATORS;
    }

    /**
     * Renders the image that {@link #write} puts at one place of the dataset.
     *
     * <p>Indices past the split's count are allowed (they render images the writer would not
     * write), which lets evaluations draw as many samples as they need.
     *
     * @param spec the dataset spec
     * @param split {@code train}, {@code val} or {@code test}
     * @param label 0 for the first class ({@code real} or {@code 0_round}), 1 for the second
     *     ({@code fake} or {@code 1_angular})
     * @param index the image's index within its split and class, >= 0
     * @return a new {@code spec.imageSize()}-square RGB image
     * @throws IllegalArgumentException if the split, label or index is out of range
     */
    public static BufferedImage render(SynthSpec spec, String split, int label, int index) {
        Objects.requireNonNull(spec, "spec");
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException(
                    "split must be one of " + SPLITS + ", found '" + split + "'");
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, found " + label);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, found " + index);
        }
        long seed = imageSeed(spec.seed(), split, label, index);
        SplittableRandom root = new SplittableRandom(seed);
        // One stream per stage, so a family's own draws never shift the scene or the camera.
        SplittableRandom sceneRng = root.split();
        SplittableRandom cameraRng = root.split();
        SplittableRandom artifactRng = root.split();
        int n = spec.imageSize();
        Planes image;
        if (isShapes(spec)) {
            SceneRenderer.Subject subject =
                    label == 0 ? SceneRenderer.Subject.ROUND : SceneRenderer.Subject.ANGULAR;
            image = Camera.capture(SceneRenderer.render(sceneRng, n, subject), cameraRng);
        } else {
            Planes scene = SceneRenderer.render(sceneRng, n, SceneRenderer.Subject.ANY);
            if (label == 0) {
                image = Camera.capture(scene, cameraRng);
            } else if (spec.fakeRegion() == null) {
                image = family(spec, index).render(scene, cameraRng, artifactRng);
            } else {
                Planes fake = family(spec, index).render(scene.copy(), cameraRng, artifactRng);
                image = Camera.capture(scene, cameraStream(seed));
                image.paste(fake, spec.fakeRegion().pixels(n));
            }
        }
        return image.toImage();
    }

    /** The camera stream of the image with this seed again, from the start (as render splits). */
    private static SplittableRandom cameraStream(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        root.split();
        return root.split();
    }

    /**
     * Returns the region a dataset's fakes carry their fingerprint in, as {@code dataset.json}
     * records it ({@code spec.fake_region}), or empty for fakes planted over the whole image, and
     * for folders that are not built-in datasets.
     *
     * @param root the dataset folder {@link #write} wrote
     * @throws IOException if {@code dataset.json} exists but cannot be read
     */
    public static java.util.Optional<FakeRegion> fakeRegion(Path root) throws IOException {
        Path file = root.resolve("dataset.json");
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        var r = new ObjectMapper().readTree(file.toFile()).path("spec").path("fake_region");
        if (!r.isObject()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                new FakeRegion(
                        r.path("x").asDouble(),
                        r.path("y").asDouble(),
                        r.path("width").asDouble(),
                        r.path("height").asDouble()));
    }

    /**
     * Writes a dataset to {@code out}, atomically.
     *
     * <p>Images are written into a hidden temporary sibling of {@code out} ({@code
     * .NAME.partial-*}) and the finished folder is renamed into place, so a run that fails or is
     * killed never leaves a half-written dataset at {@code out}; a killed run may leave the
     * temporary folder behind. Missing parent folders are created. Rendering uses up to two
     * threads.
     *
     * @param spec what to generate
     * @param out the dataset folder; must not exist, or be an empty folder
     * @param progress told after each image; {@link ProgressListener#NONE} to ignore
     * @return the counts written and the time taken
     * @throws InvalidInputException if {@code out} is a file or a non-empty folder
     * @throws IOException if writing fails; nothing is left at {@code out} then
     */
    public static SynthResult write(SynthSpec spec, Path out, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(progress, "progress");
        long start = System.nanoTime();
        Path target = out.toAbsolutePath().normalize();
        checkOutputFolder(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        List<Entry> entries = plan(spec);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
        try {
            for (Entry e : entries) {
                Files.createDirectories(temp.resolve(e.path()).getParent());
            }
            renderAll(spec, entries, temp, progress);
            writeManifest(spec, entries, temp.resolve("dataset.json"));
            // Again, in case another process filled the folder while the images were rendered.
            checkOutputFolder(target);
            Files.deleteIfExists(target);
            moveIntoPlace(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        SynthResult result = new SynthResult(target, counts(spec), entries.size(), millis);
        logger.info(
                "Wrote {} synthetic images ({}, {}x{}) to {} in {} ms",
                entries.size(),
                spec.generator(),
                spec.imageSize(),
                spec.imageSize(),
                target,
                millis);
        return result;
    }

    /** One image of the dataset: where it is in the spec and where its file goes. */
    private record Entry(String split, int label, int index, String path) {}

    private static List<Entry> plan(SynthSpec spec) {
        int digits = Math.max(5, String.valueOf(spec.count()).length());
        String pattern = "%0" + digits + "d.png";
        List<Entry> entries = new ArrayList<>();
        for (String split : SPLITS) {
            for (int label = 0; label < 2; label++) {
                for (int index = 0; index < spec.countPerClass(split); index++) {
                    String folder = split + "/" + classFolder(spec, label);
                    if (label == 1 && !isShapes(spec)) {
                        folder += "/" + family(spec, index).folderName();
                    }
                    String file = String.format(Locale.ROOT, pattern, index);
                    entries.add(new Entry(split, label, index, folder + "/" + file));
                }
            }
        }
        return entries;
    }

    private static void renderAll(
            SynthSpec spec, List<Entry> entries, Path root, ProgressListener progress)
            throws IOException {
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        THREADS,
                        task -> {
                            Thread t = new Thread(task, "synth-render");
                            t.setDaemon(true);
                            return t;
                        });
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        long total = entries.size();
        try {
            List<Future<?>> futures = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                futures.add(
                        pool.submit(
                                () -> {
                                    writePng(
                                            render(spec, e.split(), e.label(), e.index()),
                                            root.resolve(e.path()));
                                    synchronized (progressLock) {
                                        progress.onProgress(done.incrementAndGet(), total);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("synthetic dataset generation was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            } else if (cause instanceof RuntimeException re) {
                throw re;
            } else if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException("rendering a synthetic image failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    /** Waits for running renders to stop, so that the caller can delete the temporary folder. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            // Each render takes milliseconds; a minute means something is badly wrong.
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                logger.warn("Synthetic image renderers did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available in this JVM to write " + file);
        }
    }

    private static void writeManifest(SynthSpec spec, List<Entry> entries, Path file)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("source", SOURCE);
        root.put("schema_version", 1);
        ObjectNode s = root.putObject("spec");
        s.put("image_size", spec.imageSize());
        s.put("count", spec.count());
        s.put("seed", spec.seed());
        s.put("generator", spec.generator());
        s.put("val_fraction", spec.valFraction());
        s.put("test_fraction", spec.testFraction());
        if (spec.fakeRegion() != null) {
            // fractions as given, and the pixels they cover: [x, x + width) × [y, y + height)
            FakeRegion f = spec.fakeRegion();
            java.awt.Rectangle px = f.pixels(spec.imageSize());
            ObjectNode r = s.putObject("fake_region");
            r.put("x", f.x());
            r.put("y", f.y());
            r.put("width", f.width());
            r.put("height", f.height());
            ObjectNode p = r.putObject("pixels");
            p.put("x", px.x);
            p.put("y", px.y);
            p.put("width", px.width);
            p.put("height", px.height);
            r.put("area_share", f.areaShare(spec.imageSize()));
        }
        root.put("task", isShapes(spec) ? "round_vs_angular" : "real_vs_fake");
        var classes = root.putArray("class_folders");
        classes.add(classFolder(spec, 0));
        classes.add(classFolder(spec, 1));
        var generators = root.putArray("generators");
        Map<String, Map<String, Integer>> byGenerator = new LinkedHashMap<>();
        if (!isShapes(spec)) {
            for (FakeFamily family : FAMILIES) {
                if (MIXED.equals(spec.generator())
                        || family.folderName().equals(spec.generator())) {
                    generators.add(family.folderName());
                }
            }
            for (Entry e : entries) {
                if (e.label() == 1) {
                    byGenerator
                            .computeIfAbsent(e.split(), k -> new LinkedHashMap<>())
                            .merge(family(spec, e.index()).folderName(), 1, Integer::sum);
                }
            }
        }
        ObjectNode counts = root.putObject("counts");
        for (String split : SPLITS) {
            ObjectNode perClass = counts.putObject(split);
            perClass.put(classFolder(spec, 0), spec.countPerClass(split));
            perClass.put(classFolder(spec, 1), spec.countPerClass(split));
        }
        if (!isShapes(spec)) {
            ObjectNode fakes = root.putObject("fake_counts_by_generator");
            for (String split : SPLITS) {
                ObjectNode perFamily = fakes.putObject(split);
                byGenerator.getOrDefault(split, Map.of()).forEach(perFamily::put);
            }
        }
        root.put("images_total", entries.size());
        mapper.writeValue(file.toFile(), root);
    }

    private static Map<String, Integer> counts(SynthSpec spec) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String split : SPLITS) {
            for (int label = 0; label < 2; label++) {
                counts.put(split + "/" + classFolder(spec, label), spec.countPerClass(split));
            }
        }
        return counts;
    }

    /**
     * Refuses an output folder that is a file or a non-empty folder (the built-in video writer uses
     * it too).
     *
     * @param target the folder to write, which may not exist yet
     * @throws InvalidInputException naming the folder and the fix
     * @throws IOException if the folder cannot be listed
     */
    public static void checkOutputFolder(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new InvalidInputException(
                    "output folder "
                            + target
                            + " exists and is a file; choose another --out or delete it");
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
            if (children.iterator().hasNext()) {
                throw new InvalidInputException(
                        "output folder "
                                + target
                                + " already exists and is not empty; choose another --out or"
                                + " delete it");
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // A sibling is on the same file store, so this is rare; a plain rename still never
            // exposes a half-written dataset because the folder is complete before it moves.
            Files.move(temp, target);
        }
    }

    private static void deleteQuietly(Path root, Throwable failure) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException | UncheckedIOException e) {
            failure.addSuppressed(e);
            logger.warn("Could not delete the partial dataset folder {}: {}", root, e.toString());
        }
    }

    private static boolean isShapes(SynthSpec spec) {
        return SHAPES.equals(spec.generator());
    }

    private static String classFolder(SynthSpec spec, int label) {
        if (isShapes(spec)) {
            return label == 0 ? "0_round" : "1_angular";
        }
        return label == 0 ? "real" : "fake";
    }

    /** The fake family of fake number {@code index} (mixed: the families take turns). */
    static FakeFamily family(SynthSpec spec, int index) {
        if (MIXED.equals(spec.generator())) {
            return FAMILIES.get(index % FAMILIES.size());
        }
        return FakeFamily.valueOf(spec.generator().toUpperCase(Locale.ROOT));
    }

    /**
     * Hashes (seed, split, label, index) into the seed of one image, with the SplitMix64 finaliser
     * between steps so that neighbouring indices give unrelated streams.
     */
    private static long imageSeed(long seed, String split, int label, int index) {
        long h = mix(seed);
        h = mix(h + GOLDEN * (1 + SPLITS.indexOf(split)));
        h = mix(h + GOLDEN * (1 + label));
        return mix(h + GOLDEN * (1L + index));
    }

    /**
     * Hashes (seed, index) into the seed of one synthetic video clip: a stream apart from every
     * image's (a fourth "split" none of the images uses).
     */
    static long clipSeed(long seed, int index) {
        long h = mix(seed);
        h = mix(h + GOLDEN * (2 + SPLITS.size()));
        return mix(h + GOLDEN * (1L + index));
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
