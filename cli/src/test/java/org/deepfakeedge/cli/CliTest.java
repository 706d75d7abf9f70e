package org.deepfakeedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfakeedge.data.synth.ProgressListener;
import org.deepfakeedge.data.synth.SynthSpec;
import org.deepfakeedge.data.synth.SyntheticDatasets;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.workflow.TrainRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command parsing, messages and exit codes, without running an engine. */
class CliTest {

    /** Runs the CLI in-process, returning {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Object[] {code, out.toString(), err.toString()};
    }

    /** The JSON Lines of a command's output, blank lines skipped. */
    static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) {
                l.add(Json.MAPPER.readTree(s));
            }
        }
        return l;
    }

    /** The built-in mixed data, 32 px, 40 images per class, val and test a quarter each. */
    static Path smallSynth(Path dir) throws Exception {
        Path data = dir.resolve("synth");
        SyntheticDatasets.write(
                new SynthSpec(32, 40, 1, "mixed", 0.25, 0.25), data, ProgressListener.NONE);
        return data;
    }

    @Test
    void models_lists_the_zoo_with_paper_counts() throws Exception {
        Object[] r = run("models", "--json");
        assertThat(r[0]).isEqualTo(0);
        JsonNode arr = Json.MAPPER.readTree((String) r[1]);
        assertThat(arr).hasSize(5);
        assertThat(arr.get(0).get("name").asText()).isEqualTo("teacher");
        assertThat(arr.get(0).get("params").asLong()).isEqualTo(4_590_786L);
        assertThat(arr.get(4).get("params").asLong()).isEqualTo(441_378L);
        Object[] text = run("models", "--image-size", "64");
        assertThat((String) text[1]).contains("student-10").contains("72,738");
    }

    @Test
    void train_options_become_the_request_with_defaults_written_out() {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--data",
                        "d",
                        "--out",
                        "o",
                        "--arch",
                        "student-30",
                        "--epochs",
                        "3",
                        "--lr",
                        "0.01");
        TrainRequest req = cmd.toRequest();
        assertThat(req.arch()).isEqualTo("student-30");
        assertThat(req.imageSize()).isEqualTo(224);
        assertThat(req.train().epochs()).isEqualTo(3);
        assertThat(req.train().lr()).isEqualTo(0.01);
        assertThat(req.train().optimizer()).isEqualTo("adam");
        assertThat(req.train().batchSize()).isEqualTo(32);
        assertThat(req.out()).isEqualTo(Path.of("o"));
    }

    @Test
    void the_learning_rate_defaults_per_architecture() {
        for (String[] c :
                new String[][] {
                    {"teacher", "3.0E-4"}, {"student-10", "0.001"}, {"student-40", "0.001"}
                }) {
            TrainCommand cmd = new TrainCommand();
            new CommandLine(cmd).parseArgs("--data", "d", "--out", "o", "--arch", c[0]);
            assertThat(cmd.toRequest().train().lr()).as(c[0]).isEqualTo(Double.parseDouble(c[1]));
        }
    }

    @Test
    void invalid_values_exit_2_with_one_line_naming_option_and_value(@TempDir Path tmp) {
        Object[] r =
                run(
                        "train",
                        "--data",
                        tmp.toString(),
                        "--out",
                        tmp.resolve("m").toString(),
                        "--epochs",
                        "0");
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) r[2]).contains("--epochs must be >= 1, found 0");
        assertThat(((String) r[2]).lines().count()).isEqualTo(1);

        Object[] unknown = run("train", "--data", "d", "--out", "o", "--bogus");
        assertThat(unknown[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) unknown[2]).contains("Unknown option: '--bogus'");

        Object[] size = run("models", "--image-size", "100");
        assertThat(size[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) size[2]).contains("multiple of 32").contains("found 100");
    }

    @Test
    void spark_run_from_the_jar_says_to_use_the_launcher_with_the_same_arguments() {
        Object[] r = run("spark", "scan", "--master", "local[2]", "--model", "m.onnx");
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) r[2])
                .contains("bin/deepfake-edge spark scan --master local[2] --model m.onnx");
        assertThat((String) run("--help")[1]).contains("spark");
    }

    @Test
    void missing_model_exits_3_and_says_what_to_pass(@TempDir Path tmp) {
        Object[] r =
                run(
                        "evaluate",
                        "--model",
                        tmp.resolve("nope").toString(),
                        "--data",
                        tmp.toString());
        assertThat(r[0]).isEqualTo(ExitCodes.PRECONDITION);
        assertThat((String) r[2]).contains("does not exist").contains("--out folder of a train");
    }

    @Test
    void missing_dataset_exits_2_naming_the_path(@TempDir Path tmp) {
        Object[] r = run("dataset", "inspect", tmp.resolve("none").toString());
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) r[2]).contains(tmp.resolve("none").toString());
    }

    @Test
    void dataset_inspect_takes_the_positive_class_of_free_named_class_folders(@TempDir Path tmp)
            throws Exception {
        for (String rel : new String[] {"cat/a.png", "cat/b.png", "cat/c.png", "dog/d.png"}) {
            java.nio.file.Files.createDirectories(tmp.resolve(rel).getParent());
            javax.imageio.ImageIO.write(
                    new java.awt.image.BufferedImage(
                            4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png",
                    tmp.resolve(rel).toFile());
        }
        java.nio.file.Files.createDirectories(tmp.resolve("dog/more"));
        for (int i = 0; i < 3; i++) {
            java.nio.file.Files.copy(
                    tmp.resolve("dog/d.png"), tmp.resolve("dog/more/" + i + ".png"));
        }
        Object[] ok = run("dataset", "inspect", tmp.toString(), "--positive-class", "dog");
        assertThat(ok[0]).as((String) ok[2]).isEqualTo(0);
        JsonNode o = Json.MAPPER.readTree((String) ok[1]);
        assertThat(o.get("class_names").toString()).isEqualTo("[\"cat\",\"dog\"]");
        assertThat(o.get("layout").asText()).isEqualTo("class-folders");

        Object[] ambiguous = run("dataset", "inspect", tmp.toString());
        assertThat(ambiguous[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) ambiguous[2])
                .contains("[cat, dog]")
                .contains("--positive-class cat or --positive-class dog");
    }

    @Test
    void extract_faces_names_its_options_and_reports_a_broken_layout(@TempDir Path tmp)
            throws Exception {
        String help = (String) run("dataset", "extract-faces", "--help")[1];
        assertThat(help)
                .contains("--frames")
                .contains("default: 32")
                .contains("--faces-per-frame")
                .contains("--face-margin")
                .contains("--resume");
        java.nio.file.Files.createDirectories(
                tmp.resolve("ffpp/manipulated_sequences/Deepfakes/c23/videos"));
        Object[] r =
                run(
                        "dataset",
                        "extract-faces",
                        "--data",
                        tmp.resolve("ffpp").toString(),
                        "--out",
                        tmp.resolve("out").toString());
        assertThat(r[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) r[2]).contains("but no original_sequences");
    }

    @Test
    void dataset_synth_plants_fakes_in_a_region_and_records_it(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("planted");
        Object[] r =
                run(
                        "dataset",
                        "synth",
                        "--out",
                        out.toString(),
                        "--image-size",
                        "32",
                        "--count",
                        "4",
                        "--fake-region",
                        "0.5,0,0.5,0.5");
        assertThat(r[0]).as((String) r[2]).isEqualTo(0);
        assertThat((String) r[1]).contains("fakes planted in x [16, 32) y [0, 16)");
        assertThat(SyntheticDatasets.fakeRegion(out))
                .contains(new org.deepfakeedge.data.synth.FakeRegion(0.5, 0, 0.5, 0.5));

        Object[] bad =
                run(
                        "dataset",
                        "synth",
                        "--out",
                        tmp.resolve("bad").toString(),
                        "--fake-region",
                        "0.5,0.5,0.6,0.1");
        assertThat(bad[0]).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat((String) bad[2]).contains("--fake-region").contains("inside the image");
        assertThat((String) run("dataset", "synth", "--help")[1])
                .contains("--fake-region=X,Y,W,H")
                .contains("dataset.json records the region");
    }

    @Test
    void help_explains_every_command() {
        Object[] r = run("--help");
        assertThat(r[0]).isEqualTo(0);
        String help = (String) r[1];
        for (String c :
                new String[] {"demo", "models", "dataset", "train", "evaluate", "predict"}) {
            assertThat(help).contains(c);
        }
        Object[] train = run("train", "--help");
        assertThat((String) train[1])
                .contains("--resume")
                .contains("--select-by")
                .contains("default: adam");
    }

    /**
     * Picocli formats every description line with {@link String#format}; a stray {@code %} (as in
     * "40% and") makes it print a warning and the raw, unwrapped text instead of the help.
     */
    @Test
    void every_description_line_of_every_command_and_option_formats() {
        List<String> bad = new ArrayList<>();
        checkDescriptions(Main.commandLine(), bad);
        assertThat(bad).isEmpty();
    }

    private static void checkDescriptions(CommandLine cl, List<String> bad) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        List<String> lines = new ArrayList<>(List.of(spec.usageMessage().description()));
        for (CommandLine.Model.ArgSpec a : spec.args()) {
            lines.addAll(List.of(a.description()));
        }
        for (String line : lines) {
            try {
                String.format(line);
            } catch (java.util.IllegalFormatException e) {
                bad.add(spec.qualifiedName() + ": " + line + " (" + e + ")");
            }
        }
        cl.getSubcommands().values().forEach(sub -> checkDescriptions(sub, bad));
    }

    @Test
    void transfer_and_quantize_help_name_every_method_and_mode_of_the_registry() {
        String transfer = (String) run("transfer", "--help")[1];
        for (org.deepfakeedge.workflow.Method m :
                org.deepfakeedge.workflow.Method.transferSteps()) {
            assertThat(transfer).contains("  " + m.id() + " ");
        }
        String quantize = (String) run("quantize", "--help")[1];
        for (org.deepfakeedge.compress.quantize.QuantizationMode m :
                org.deepfakeedge.compress.quantize.QuantizationMode.values()) {
            assertThat(quantize).contains("--mode " + m.id());
        }
    }
}
