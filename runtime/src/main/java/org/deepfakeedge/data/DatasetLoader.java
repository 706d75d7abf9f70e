package org.deepfakeedge.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.deepfakeedge.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a data set: detects its folder layout (or reads a CSV manifest) and lists its images.
 *
 * <p>Recognised layouts, folder names matched case-insensitively (see {@code docs/datasets.md}):
 *
 * <ol>
 *   <li>{@code standard}: {@code ROOT/{train,val|valid|validation,test}/{real|0_real,
 *       fake|1_fake}/...}, or any {@code 0_X}/{@code 1_X} pair of class folders; a first sub-folder
 *       below a class folder names the generator;
 *   <li>{@code forensynths}: {@code ROOT/<split>/<generator>/[<category>/]{0_real,1_fake}}, the
 *       release folders {@code progan_train}, {@code progan_val} and {@code CNN_synth_testset}, or
 *       a bare test-set folder of generators (all {@link Split#TEST});
 *   <li>{@code 140k-faces}: Kaggle's {@code
 *       real_vs_fake/real-vs-fake/{train,valid,test}/{real,fake}};
 *   <li>{@code deepfake-and-real}: Kaggle's {@code Dataset/{Train,Validation,Test}/{Real,Fake}};
 *   <li>{@code synthbuster-raise}: {@code ROOT/synthbuster/<generator>/...} (fake) next to {@code
 *       ROOT/RAISE*} (real), split by seed;
 *   <li>{@code class-folders}: {@code ROOT/{real,fake}/...} without splits, split by seed; also any
 *       two folders of images with other names ({@code cat/}, {@code dog/}, as torchvision's {@code
 *       ImageFolder}), here or below split folders, with {@link DatasetOptions#positiveClass()}
 *       naming class 1;
 *   <li>{@code csv}: a manifest with header {@code path,label[,split][,generator]}.
 * </ol>
 *
 * <p>Folders that wrap a data set alone (as archives unpack: {@code archive/Dataset/...}) are
 * descended automatically. When only train and test exist, a validation split is carved out of
 * train with {@link DatasetOptions#valFraction()} and a warning. Scanning never decodes an image:
 * files are recognised by extension (jpg, jpeg, png, bmp, webp, tif, tiff, gif), other files are
 * ignored, and undecodable images are skipped later by {@link BatchLoader}. Results are sorted, so
 * the same folder always gives the same index. Warnings are returned in the index and logged.
 *
 * <p>Stateless and thread-safe.
 */
public final class DatasetLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetLoader.class);

    /** How many single wrapping folders are descended before giving up. */
    private static final int MAX_WRAPPER_DEPTH = 8;

    /** How deep below a generator folder class folders are looked for. */
    private static final int CLASS_SEARCH_DEPTH = 3;

    private static final Pattern REAL_VS_FAKE = Pattern.compile("(?i)real[-_ ]?vs[-_ ]?fake");

    static final String EXPECTED_LAYOUTS =
            "Expected one of: ROOT/{train,val,test}/{real,fake} (or 0_real/1_fake, any 0_X/1_X"
                    + " pair); ROOT/{real,fake} without splits; ForenSynths"
                    + " ROOT/{progan_train,progan_val,CNN_synth_testset} or"
                    + " ROOT/<split>/<generator>/[<category>/]{0_real,1_fake}; ROOT/synthbuster +"
                    + " ROOT/RAISE*; two class folders with any other names (ROOT/[<split>/]{cat,dog})"
                    + " with --positive-class NAME; or a CSV manifest with header"
                    + " path,label[,split][,generator]";

    private DatasetLoader() {}

    /**
     * Opens a data set with {@link DatasetOptions#defaults()}.
     *
     * @param dataRootOrCsv a data-set folder or a CSV manifest
     * @return the index
     * @throws InvalidInputException if the path is missing, holds no images, has a split with one
     *     class only, or has a layout that is not recognised
     */
    public static DatasetIndex open(Path dataRootOrCsv) {
        return open(dataRootOrCsv, DatasetOptions.defaults());
    }

    /**
     * Opens a data set.
     *
     * @param dataRootOrCsv a data-set folder (or any folder wrapping one) or a CSV manifest
     * @param options seeded-split settings, used where the data has no splits of its own
     * @return the index
     * @throws InvalidInputException if the path is missing, holds no images, has a split with one
     *     class only, or has a layout that is not recognised; the message names the path and the
     *     fix
     */
    public static DatasetIndex open(Path dataRootOrCsv, DatasetOptions options) {
        Objects.requireNonNull(dataRootOrCsv, "dataRootOrCsv must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Path given = dataRootOrCsv.toAbsolutePath().normalize();
        DatasetIndex index;
        if (!Files.exists(given)) {
            throw new InvalidInputException(
                    "Data path not found: "
                            + given
                            + ". Fix: pass --data an existing data-set folder or a CSV manifest"
                            + " (header path,label[,split][,generator]).");
        } else if (Files.isRegularFile(given)) {
            if (!ImageFiles.name(given).toLowerCase(Locale.ROOT).endsWith(".csv")) {
                throw new InvalidInputException(
                        "--data "
                                + given
                                + " is a file but not a .csv manifest. Fix: pass the data-set"
                                + " folder, or a CSV manifest with header"
                                + " path,label[,split][,generator].");
            }
            index = CsvManifest.read(given, options);
        } else {
            index = new Scan(options).run(given);
        }
        LOG.info(
                "Opened {} data set at {}: {} images {}",
                index.layout(),
                index.root(),
                index.samples().size(),
                index.counts());
        for (String warning : index.warnings()) {
            LOG.warn("{}", warning);
        }
        return index;
    }

    /**
     * Validates splits, carves out or assigns seeded splits, sorts, and builds the index. Shared by
     * the folder layouts and the CSV manifest.
     *
     * @param seeded true when the data has no splits of its own (every sample is re-assigned)
     */
    static DatasetIndex finish(
            Path root,
            String layout,
            List<String> classNames,
            List<Sample> found,
            boolean seeded,
            DatasetOptions options,
            List<String> warnings) {
        if (found.isEmpty()) {
            throw new InvalidInputException(
                    "No images found under "
                            + root
                            + " (looked for "
                            + ImageFiles.EXTENSIONS_TEXT
                            + " in the "
                            + layout
                            + " layout's class folders). Fix: point --data at the folder that"
                            + " holds the images.");
        }
        checkBothClassesPresent(root, layout, classNames, found);
        List<Sample> samples = new ArrayList<>(found);
        String seedText =
                "seed "
                        + options.splitSeed()
                        + ", val "
                        + options.valFraction()
                        + ", test "
                        + options.testFraction();
        if (seeded) {
            samples =
                    SeededSplitter.assign(
                            samples,
                            root,
                            options.splitSeed(),
                            options.valFraction(),
                            options.testFraction());
            warnings.add(
                    "The data set has no splits of its own: assigned train/val/test with a"
                            + " seeded split stratified by class and generator ("
                            + seedText
                            + ").");
        } else {
            checkSplitsHaveBothClasses(root, classNames, samples, false, options);
            boolean hasTrain = samples.stream().anyMatch(s -> s.split() == Split.TRAIN);
            boolean hasVal = samples.stream().anyMatch(s -> s.split() == Split.VAL);
            boolean hasTest = samples.stream().anyMatch(s -> s.split() == Split.TEST);
            if (hasTrain && !hasVal && options.valFraction() > 0) {
                List<Sample> train =
                        samples.stream().filter(s -> s.split() == Split.TRAIN).toList();
                List<Sample> rest =
                        new ArrayList<>(
                                samples.stream().filter(s -> s.split() != Split.TRAIN).toList());
                List<Sample> carved =
                        SeededSplitter.assign(
                                train, root, options.splitSeed(), options.valFraction(), 0.0);
                long nVal = carved.stream().filter(s -> s.split() == Split.VAL).count();
                rest.addAll(carved);
                samples = rest;
                warnings.add(
                        "No validation split found: carved "
                                + nVal
                                + " of "
                                + train.size()
                                + " train images out as val (valFraction "
                                + options.valFraction()
                                + " of train, seed "
                                + options.splitSeed()
                                + ", stratified by class and generator).");
            } else if (hasTrain && !hasVal) {
                warnings.add("No validation split found and valFraction is 0: val is empty.");
            }
            if (!hasTest) {
                warnings.add("No test split found: test is empty.");
            }
            if (!hasTrain) {
                warnings.add("No train split found: the data set can be used for evaluation only.");
            }
        }
        checkSplitsHaveBothClasses(root, classNames, samples, seeded, options);
        samples.sort(
                Comparator.comparing(Sample::split)
                        .thenComparing(Sample::path)
                        .thenComparingInt(Sample::label));
        return new DatasetIndex(root, layout, classNames, samples, warnings);
    }

    private static void checkBothClassesPresent(
            Path root, String layout, List<String> classNames, List<Sample> samples) {
        for (int label = 0; label <= 1; label++) {
            int l = label;
            if (samples.stream().noneMatch(s -> s.label() == l)) {
                String hint =
                        layout.equals("synthbuster-raise") && label == 0
                                ? " RAISE photos count only as .tif/.png/.jpg: convert NEF raw"
                                        + " files first."
                                : "";
                throw new InvalidInputException(
                        "Found images of class '"
                                + classNames.get(1 - label)
                                + "' only under "
                                + root
                                + ": no '"
                                + classNames.get(label)
                                + "' (class "
                                + label
                                + ") images. Fix: add them (folder "
                                + (label == 0 ? "real or 0_real" : "fake or 1_fake")
                                + ")."
                                + hint);
            }
        }
    }

    private static void checkSplitsHaveBothClasses(
            Path root,
            List<String> classNames,
            List<Sample> samples,
            boolean seeded,
            DatasetOptions options) {
        for (Split split : Split.values()) {
            int[] n = new int[2];
            for (Sample s : samples) {
                if (s.split() == split) {
                    n[s.label()]++;
                }
            }
            if ((n[0] == 0) == (n[1] == 0)) {
                continue; // empty, or both classes present
            }
            int missing = n[0] == 0 ? 0 : 1;
            String fix =
                    seeded || split == Split.VAL
                            ? "add images of class '"
                                    + classNames.get(missing)
                                    + "' or change valFraction/testFraction (now "
                                    + options.valFraction()
                                    + "/"
                                    + options.testFraction()
                                    + ")"
                            : "add its '"
                                    + classNames.get(missing)
                                    + "' folder ("
                                    + (missing == 0 ? "real or 0_real" : "fake or 1_fake")
                                    + ") or remove the split";
            throw new InvalidInputException(
                    "Split '"
                            + split.id()
                            + "' under "
                            + root
                            + " has only class '"
                            + classNames.get(1 - missing)
                            + "' ("
                            + n[1 - missing]
                            + " images); a split needs both classes. Fix: "
                            + fix
                            + ".");
        }
    }

    /** One folder scan: collects samples, warnings and class names; used once, by one thread. */
    private static final class Scan {
        private final DatasetOptions options;
        private final List<String> warnings = new ArrayList<>();
        private final List<Sample> samples = new ArrayList<>();
        private final String[] classNames = new String[2];
        private final Path[] classNamedBy = new Path[2];

        Scan(DatasetOptions options) {
            this.options = options;
        }

        DatasetIndex run(Path given) {
            Path dir = given;
            List<String> chain = new ArrayList<>(List.of(ImageFiles.name(dir)));
            for (int depth = 0; ; depth++) {
                List<Path> subdirs = ImageFiles.subdirectories(dir);
                DatasetIndex index = detect(dir, subdirs, chain);
                if (index != null) {
                    return index;
                }
                if (subdirs.size() == 1
                        && ImageFiles.imagesDirectlyIn(dir).isEmpty()
                        && depth < MAX_WRAPPER_DEPTH) {
                    dir = subdirs.get(0);
                    chain.add(ImageFiles.name(dir));
                    continue;
                }
                index = bareTestSet(dir, subdirs);
                if (index != null) {
                    return index;
                }
                throw unknownLayout(given, dir, subdirs);
            }
        }

        private DatasetIndex detect(Path dir, List<Path> subdirs, List<String> chain) {
            if (subdirs.stream().anyMatch(d -> releaseSplit(d).isPresent())) {
                return forenSynthsRelease(dir, subdirs);
            }
            Optional<Path> synthbuster =
                    subdirs.stream().filter(d -> lower(d).equals("synthbuster")).findFirst();
            if (synthbuster.isPresent()) {
                return synthbusterRaise(dir, synthbuster.get(), subdirs);
            }
            if (subdirs.stream().anyMatch(d -> Split.fromName(ImageFiles.name(d)).isPresent())) {
                return splitFolders(dir, subdirs, chain);
            }
            if (subdirs.stream().anyMatch(d -> ClassFolder.parse(d).isPresent())) {
                return classFolders(dir, subdirs);
            }
            Optional<List<ClassFolder>> pair = namedPair(dir, subdirs);
            if (pair.isPresent()) {
                for (ClassFolder cf : pair.get()) {
                    addImages(cf, Split.TRAIN, null);
                }
                warnLooseImages(dir);
                return finish(dir, "class-folders", true);
            }
            if (lower(dir).equals("cnn_synth_testset")) {
                return bareTestSet(dir, subdirs);
            }
            return null;
        }

        /** Layout 1 (and its Kaggle variants 3, 4) or 2: split folders at the top. */
        private DatasetIndex splitFolders(Path dir, List<Path> subdirs, List<String> chain) {
            boolean perGenerator = false;
            boolean validationNamed = false;
            for (Path sub : subdirs) {
                Optional<Split> split = Split.fromName(ImageFiles.name(sub));
                if (split.isEmpty()) {
                    ignored(sub, "not a split folder (train, val/valid/validation, test)");
                    continue;
                }
                validationNamed |= lower(sub).equals("validation");
                List<Path> children = ImageFiles.subdirectories(sub);
                Optional<List<ClassFolder>> pair = Optional.empty();
                if (children.stream().anyMatch(d -> ClassFolder.parse(d).isPresent())) {
                    addClassFoldersOf(sub, children, split.get());
                } else if ((pair = namedPair(sub, children)).isPresent()) {
                    for (ClassFolder cf : pair.get()) {
                        addImages(cf, split.get(), null);
                    }
                    warnLooseImages(sub);
                } else {
                    perGenerator = true;
                    addGeneratorsOf(sub, children, split.get());
                }
            }
            String layout;
            if (perGenerator) {
                layout = "forensynths";
            } else if (chain.stream().anyMatch(n -> REAL_VS_FAKE.matcher(n).find())) {
                layout = "140k-faces";
            } else if (validationNamed
                    && chain.stream().anyMatch(n -> n.equalsIgnoreCase("dataset"))) {
                layout = "deepfake-and-real";
            } else {
                layout = "standard";
            }
            return finish(dir, layout, false);
        }

        /** Layout 2, as released: progan_train, progan_val, CNN_synth_testset. */
        private DatasetIndex forenSynthsRelease(Path dir, List<Path> subdirs) {
            for (Path sub : subdirs) {
                Optional<Split> split = releaseSplit(sub);
                if (split.isEmpty()) {
                    ignored(
                            sub,
                            "not a ForenSynths release folder (progan_train, progan_val,"
                                    + " CNN_synth_testset)");
                } else if (split.get() == Split.TEST) {
                    addGeneratorsOf(sub, ImageFiles.subdirectories(sub), Split.TEST);
                } else {
                    // The ProGAN release's first-level folders are object categories, not
                    // generators: every image there comes from ProGAN.
                    List<ClassFolder> found = findClassFolders(sub, CLASS_SEARCH_DEPTH);
                    if (found.isEmpty()) {
                        throw noClassFolders(sub, sub + "/<category>/{0_real,1_fake}");
                    }
                    for (ClassFolder cf : found) {
                        addImages(cf, split.get(), "progan");
                    }
                }
            }
            return finish(dir, "forensynths", false);
        }

        /** Layout 2, a test set alone: every child folder is a generator. */
        private DatasetIndex bareTestSet(Path dir, List<Path> subdirs) {
            if (subdirs.stream().allMatch(d -> findClassFolders(d, CLASS_SEARCH_DEPTH).isEmpty())) {
                return null;
            }
            addGeneratorsOf(dir, subdirs, Split.TEST);
            return finish(dir, "forensynths", false);
        }

        /** Layout 5: synthbuster/<generator>/... (fake) and RAISE* (real), no splits. */
        private DatasetIndex synthbusterRaise(Path dir, Path synthbuster, List<Path> subdirs) {
            List<Path> raise = subdirs.stream().filter(d -> lower(d).startsWith("raise")).toList();
            if (raise.isEmpty()) {
                throw new InvalidInputException(
                        "Found "
                                + synthbuster
                                + " but no RAISE folder of real photos next to it. Expected "
                                + dir
                                + "/RAISE* (any folder name starting with 'raise'). Fix: put"
                                + " the RAISE photos (e.g. RAISE-1k as TIFF) in "
                                + dir.resolve("RAISE")
                                + ".");
            }
            for (Path sub : subdirs) {
                if (!sub.equals(synthbuster) && !raise.contains(sub)) {
                    ignored(sub, "neither synthbuster nor RAISE*");
                }
            }
            registerName(0, "real", raise.get(0));
            registerName(1, "fake", synthbuster);
            for (Path generator : ImageFiles.subdirectories(synthbuster)) {
                addImages(
                        new ClassFolder(generator, 1, "fake"),
                        Split.TRAIN,
                        ImageFiles.name(generator));
            }
            List<Path> loose = ImageFiles.imagesDirectlyIn(synthbuster);
            if (!loose.isEmpty()) {
                warnings.add(
                        loose.size()
                                + " images directly in "
                                + synthbuster
                                + " have no generator folder: counted as fake with generator"
                                + " \"\".");
                for (Path f : loose) {
                    samples.add(new Sample(f, 1, Split.TRAIN, ""));
                }
            }
            for (Path r : raise) {
                addImages(new ClassFolder(r, 0, "real"), Split.TRAIN, "");
            }
            return finish(dir, "synthbuster-raise", true);
        }

        /** Layout 6: class folders without splits. */
        private DatasetIndex classFolders(Path dir, List<Path> subdirs) {
            addClassFoldersOf(dir, subdirs, Split.TRAIN);
            return finish(dir, "class-folders", true);
        }

        private void addClassFoldersOf(Path parent, List<Path> children, Split split) {
            for (Path child : children) {
                Optional<ClassFolder> cf = ClassFolder.parse(child);
                if (cf.isPresent()) {
                    addImages(cf.get(), split, null);
                } else {
                    ignored(child, "not a class folder (real, fake, 0_X, 1_X)");
                }
            }
            warnLooseImages(parent);
        }

        /**
         * Two class folders with free names, as torchvision's {@code ImageFolder} takes them
         * ({@code cat/}, {@code dog/}): exactly two children of {@code parent} that hold images,
         * neither a split folder nor holding class or split folders below. The one named by {@link
         * DatasetOptions#positiveClass()} is class 1; the names alone cannot say which class is
         * positive, so without that option this is an error naming the fix.
         *
         * @return the two folders, class 0 first; empty when the children are not such a pair
         */
        private Optional<List<ClassFolder>> namedPair(Path parent, List<Path> children) {
            List<Path> candidates =
                    children.stream()
                            .filter(d -> Split.fromName(ImageFiles.name(d)).isEmpty())
                            .filter(d -> findClassFolders(d, CLASS_SEARCH_DEPTH).isEmpty())
                            .filter(
                                    d ->
                                            ImageFiles.subdirectories(d).stream()
                                                    .noneMatch(
                                                            c ->
                                                                    Split.fromName(
                                                                                    ImageFiles.name(
                                                                                            c))
                                                                            .isPresent()))
                            .toList();
            if (candidates.size() != 2 || candidates.size() != children.size()) {
                return Optional.empty();
            }
            if (candidates.stream().anyMatch(d -> ImageFiles.imagesUnder(d, w -> {}).isEmpty())) {
                return Optional.empty();
            }
            List<String> names = candidates.stream().map(Scan::lower).toList();
            String positive = options.positiveClass().toLowerCase(Locale.ROOT);
            String fix =
                    "Fix: pass --positive-class "
                            + names.get(0)
                            + " or --positive-class "
                            + names.get(1)
                            + " to say which folder is class 1 (the positive class, 'fake'), or"
                            + " rename them real/fake or 0_X/1_X.";
            if (positive.isEmpty()) {
                throw new InvalidInputException(
                        "Found two class folders "
                                + names
                                + " under "
                                + parent
                                + ", but neither is named real/fake or 0_X/1_X, so which one is"
                                + " class 1 is unknown. "
                                + fix);
            }
            int p = names.indexOf(positive);
            if (p < 0) {
                throw new InvalidInputException(
                        "--positive-class "
                                + options.positiveClass()
                                + " names neither class folder under "
                                + parent
                                + ": found "
                                + names
                                + ". "
                                + fix);
            }
            return Optional.of(
                    List.of(
                            new ClassFolder(candidates.get(1 - p), 0, names.get(1 - p)),
                            new ClassFolder(candidates.get(p), 1, names.get(p))));
        }

        /** Adds every child holding class folders somewhere below as a generator. */
        private void addGeneratorsOf(Path parent, List<Path> children, Split split) {
            boolean any = false;
            for (Path child : children) {
                List<ClassFolder> found = findClassFolders(child, CLASS_SEARCH_DEPTH);
                if (found.isEmpty()) {
                    ignored(child, "no class folders (0_real/1_fake) below it");
                    continue;
                }
                any = true;
                for (ClassFolder cf : found) {
                    addImages(cf, split, ImageFiles.name(child));
                }
            }
            if (!any) {
                throw noClassFolders(
                        parent,
                        parent
                                + "/{real,fake} (or 0_real/1_fake), or "
                                + parent
                                + "/<generator>/[<category>/]{0_real,1_fake}");
            }
            warnLooseImages(parent);
        }

        /**
         * Adds the images below a class folder; the generator is {@code generator}, or when null
         * the name of the first sub-folder below the class folder ({@code ""} for flat files).
         */
        private void addImages(ClassFolder cf, Split split, String generator) {
            registerName(cf.label(), cf.className(), cf.dir());
            for (Path file : ImageFiles.imagesUnder(cf.dir(), warnings::add)) {
                String g = generator;
                if (g == null) {
                    Path rel = cf.dir().relativize(file);
                    g = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
                }
                samples.add(new Sample(file, cf.label(), split, g));
            }
        }

        private void registerName(int label, String name, Path dir) {
            if (classNames[label] == null) {
                classNames[label] = name;
                classNamedBy[label] = dir;
            } else if (!classNames[label].equals(name)) {
                throw new InvalidInputException(
                        "Class folders disagree: "
                                + classNamedBy[label]
                                + " names class "
                                + label
                                + " '"
                                + classNames[label]
                                + "' but "
                                + dir
                                + " names it '"
                                + name
                                + "'. Fix: rename the folders so each class has one name.");
            }
        }

        private DatasetIndex finish(Path root, String layout, boolean seeded) {
            List<String> names =
                    List.of(
                            classNames[0] != null ? classNames[0] : "real",
                            classNames[1] != null ? classNames[1] : "fake");
            return DatasetLoader.finish(root, layout, names, samples, seeded, options, warnings);
        }

        /**
         * Class folders at most {@code depth} levels below {@code dir}; split folders end the
         * search.
         */
        private static List<ClassFolder> findClassFolders(Path dir, int depth) {
            List<ClassFolder> found = new ArrayList<>();
            for (Path sub : ImageFiles.subdirectories(dir)) {
                Optional<ClassFolder> cf = ClassFolder.parse(sub);
                if (cf.isPresent()) {
                    found.add(cf.get());
                } else if (depth > 1 && Split.fromName(ImageFiles.name(sub)).isEmpty()) {
                    found.addAll(findClassFolders(sub, depth - 1));
                }
            }
            return found;
        }

        private static Optional<Split> releaseSplit(Path dir) {
            switch (lower(dir)) {
                case "progan_train":
                    return Optional.of(Split.TRAIN);
                case "progan_val":
                    return Optional.of(Split.VAL);
                case "cnn_synth_testset":
                    return Optional.of(Split.TEST);
                default:
                    return Optional.empty();
            }
        }

        private void ignored(Path dir, String why) {
            warnings.add("Ignored folder " + dir + ": " + why + ".");
        }

        private void warnLooseImages(Path dir) {
            int loose = ImageFiles.imagesDirectlyIn(dir).size();
            if (loose > 0) {
                warnings.add(
                        "Ignored "
                                + loose
                                + " images directly in "
                                + dir
                                + ": they are not inside a class folder.");
            }
        }

        private static InvalidInputException noClassFolders(Path dir, String expected) {
            return new InvalidInputException(
                    "Folder "
                            + dir
                            + " holds no class folders. Expected "
                            + expected
                            + ". Fix: arrange the images in class folders (real/fake or"
                            + " 0_real/1_fake).");
        }

        private static InvalidInputException unknownLayout(
                Path given, Path dir, List<Path> subdirs) {
            List<String> names = subdirs.stream().map(ImageFiles::name).limit(12).toList();
            int loose = ImageFiles.imagesDirectlyIn(dir).size();
            String found =
                    subdirs.isEmpty() && loose == 0
                            ? "it holds no folders and no images"
                            : "found folders "
                                    + names
                                    + (subdirs.size() > 12 ? " ..." : "")
                                    + (loose > 0 ? " and " + loose + " loose images" : "");
            String where = dir.equals(given) ? "" : " (descended from " + given + ")";
            return new InvalidInputException(
                    "Unrecognised data-set layout at "
                            + dir
                            + where
                            + ": "
                            + found
                            + ". "
                            + EXPECTED_LAYOUTS
                            + ". Fix: arrange the folders as one of these,"
                            + " or pass --data a CSV manifest.");
        }

        private static String lower(Path p) {
            return ImageFiles.name(p).toLowerCase(Locale.ROOT);
        }
    }
}
