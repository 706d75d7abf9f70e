package org.deepfakeedge.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.deepfakeedge.InvalidInputException;
import org.deepfakeedge.train.Recipes;
import org.junit.jupiter.api.Test;

/** The spec format and the built-in specs, without running anything. */
class ExperimentSpecTest {

    @Test
    void paper_mini_is_the_papers_grid_on_built_in_data() {
        ExperimentSpec s = ExperimentSpec.load("paper-mini", Map.of()).spec();
        assertThat(s.levels()).containsExactly(0.4, 0.3, 0.2, 0.1);
        assertThat(s.imageSize()).isEqualTo(64);
        assertThat(s.datasets().values()).allMatch(d -> d.synth() != null);
        List<Cell> cells = ExperimentRunner.cells(s);
        // compression: baseline + 4 leveled (one a chain) × 4 + 3 once; transfer: baseline + 4
        // leveled × 4 + 3 once
        assertThat(cells).hasSize(1 + 16 + 3 + 1 + 16 + 3);
        assertThat(s.robustness().perturbations()).hasSize(7);
        assertThat(cells)
                .extracting(Cell::id)
                .contains(
                        "compression/prune/40",
                        "compression/lowrank/full",
                        "compression/distill+quantize-static-int8/10",
                        "transfer/distill-adapter/10",
                        "transfer/baseline/full")
                .doesNotHaveDuplicates();
    }

    @Test
    void the_demo_is_paper_mini_at_two_levels_four_perturbations_and_the_int8_plan_by_rule() {
        ExperimentSpec mini = ExperimentSpec.load("paper-mini", Map.of()).spec();
        ExperimentSpec demo = ExperimentSpec.load("demo", Map.of()).spec();
        assertThat(demo.levels()).containsExactly(0.4, 0.1);
        assertThat(demo.bench().int8LayerTiming()).isFalse();
        assertThat(mini.bench().int8LayerTiming()).isTrue();
        // the rest as paper-mini's: an edit to one spec that misses the other fails here
        assertThat(demo.seed()).isEqualTo(mini.seed());
        assertThat(demo.imageSize()).isEqualTo(mini.imageSize());
        assertThat(demo.datasets()).isEqualTo(mini.datasets());
        assertThat(demo.teacher()).isEqualTo(mini.teacher());
        assertThat(demo.training()).isEqualTo(mini.training());
        assertThat(demo.experiments()).isEqualTo(mini.experiments());
        assertThat(demo.robustness().perturbations())
                .extracting(org.deepfakeedge.perturb.Perturbation::name)
                .containsExactly("jpeg:90", "jpeg:70", "jpeg:50", "social");
        assertThat(mini.robustness().perturbations())
                .containsAll(demo.robustness().perturbations());
        assertThat(demo.bench())
                .usingRecursiveComparison()
                .ignoringFields("int8LayerTiming")
                .isEqualTo(mini.bench());
        // each experiment: baseline + 4 leveled methods × 2 levels + 3 methods once
        assertThat(ExperimentRunner.cells(demo)).hasSize(1 + 8 + 3 + 1 + 8 + 3);
    }

    @Test
    void robustness_mini_compares_augmentation_qat_and_chains_under_perturbations() {
        ExperimentSpec s = ExperimentSpec.load("robustness-mini", Map.of()).spec();
        assertThat(ExperimentRunner.cells(s))
                .extracting(Cell::id)
                .contains(
                        "robustness/baseline/full",
                        "robustness/teacher-augmented/full",
                        "robustness/quantize-aware-int8/full",
                        "robustness/quantize-static-int8/full",
                        "robustness/distill+quantize-static-int8/10",
                        "robustness/prune-structured+quantize-static-int8/40")
                .hasSize(1 + 5 * 2 + 3);
        assertThat(s.robustness().perturbations())
                .extracting(org.deepfakeedge.perturb.Perturbation::name)
                .contains("jpeg:50", "resize:0.25", "crop:0.8");
    }

    @Test
    void the_paper_spec_needs_its_data_sets_by_placeholder_and_parses_once_they_are_set() {
        ExperimentSpec.Loaded raw = ExperimentSpec.load("paper", Map.of());
        assertThat(raw.spec().imageSize()).isEqualTo(224);
        assertThat(raw.spec().datasets().get("faces").path()).isEqualTo("${FACES_140K}");
        ExperimentSpec.Loaded set =
                ExperimentSpec.load("paper", Map.of("FACES_140K", "/data/140k"));
        assertThat(set.spec().datasets().get("faces").path()).isEqualTo("/data/140k");
        assertThat(set.text()).contains("/data/140k");
        assertThat(set.spec().only(List.of("faces-compression")).datasetsUsed())
                .containsExactly("faces");
        assertThat(ExperimentSpec.placeholders("${A}/x/${B_2}")).containsExactly("A", "B_2");
    }

    @Test
    void left_out_fields_take_defaults() {
        ExperimentSpec s =
                ExperimentSpec.parse(
                                """
                datasets: {a: {synth: {generator: smooth, count: 10}}}
                experiments: [{id: c, kind: compression, data: a, methods: [prune]}]
                training: {distill_epochs: 7}
                """,
                                Map.of(),
                                "t")
                        .spec();
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.imageSize()).isEqualTo(64);
        assertThat(s.training().distillEpochs()).isEqualTo(7);
        assertThat(s.training().finetuneEpochs()).isEqualTo(2);
        assertThat(s.training().lrScratch()).isEqualTo(3e-4);
        // compression cells train as the commands do by default
        assertThat(s.training().lrStudent()).isEqualTo(Recipes.STUDENT_LR).isEqualTo(1e-3);
        assertThat(s.training().lrPruneFinetune())
                .isEqualTo(Recipes.PRUNE_FINETUNE_LR)
                .isEqualTo(3e-4);
        assertThat(s.bench().int8()).isTrue();
        assertThat(s.teacher().arch()).isEqualTo("teacher");
    }

    @Test
    void a_former_method_name_is_read_as_the_current_one_with_its_options() {
        ExperimentSpec s =
                ExperimentSpec.parse(
                                """
                datasets: {a: {synth: {generator: smooth, count: 10}}}
                experiments:
                  - {id: c, kind: compression, data: a, methods: [quantize-dynamic, prune],
                     options: {quantize-dynamic: {}, prune: {scope: global}}}
                """,
                                Map.of(),
                                "t")
                        .spec();
        ExperimentSpec.ExperimentDef e = s.experiments().get(0);
        assertThat(e.methods()).containsExactly("quantize-dynamic-linear", "prune");
        assertThat(e.options()).containsOnlyKeys("quantize-dynamic-linear", "prune");
        assertThat(ExperimentRunner.cells(s))
                .extracting(Cell::id)
                .contains("c/quantize-dynamic-linear/full", "c/prune/40");
    }

    @Test
    void chains_parse_with_their_cells_and_broken_chains_are_refused_with_the_rule_named() {
        String head =
                "datasets: {a: {synth: {generator: smooth, count: 10}}, b: {synth: {generator:"
                        + " spectral, count: 10}}}\n";
        ExperimentSpec s =
                ExperimentSpec.parse(
                                head
                                        + "levels: [0.4, 0.1]\n"
                                        + "experiments: [{id: c, kind: compression, data: a,"
                                        + " methods: [prune-finetune+quantize-static-int8,"
                                        + " lowrank+quantize-static-int8], options:"
                                        + " {prune-finetune+quantize-static-int8:"
                                        + " {prune-finetune: {keep: 0.5, epochs: 1}}}}]",
                                Map.of(),
                                "t")
                        .spec();
        assertThat(ExperimentRunner.cells(s))
                .extracting(Cell::id)
                .containsExactly(
                        "c/baseline/full",
                        "c/prune-finetune+quantize-static-int8/40",
                        "c/prune-finetune+quantize-static-int8/10",
                        "c/lowrank+quantize-static-int8/full");
        ExperimentSpec.ExperimentDef e = s.experiments().get(0);
        assertThat(ExperimentSpec.stepOptions(e, "prune-finetune+quantize-static-int8", 0))
                .containsEntry("keep", 0.5)
                .containsEntry("epochs", 1);
        assertThat(ExperimentSpec.stepOptions(e, "prune-finetune+quantize-static-int8", 1))
                .isEmpty();

        Map<String, String> broken =
                Map.of(
                        "methods: [quantize-static-int8+prune-finetune]",
                        "quantize-static-int8 must be the last step",
                        "methods: [prune+prune]",
                        "prune runs twice",
                        "methods: [prune+scratch]",
                        "scratch must be the first step",
                        "methods: [teacher-augmented], options: {teacher-augmented: {augment: spin}}",
                        "teacher-augmented.augment: Unknown augmentation 'spin'",
                        "methods: [prune+shrink]",
                        "unknown compression method 'shrink'",
                        "methods: [prune+lowrank], options: {prune+lowrank: {distill: {}}}",
                        "'distill' is not a step of the chain",
                        "methods: [prune+lowrank], options: {prune+lowrank: {lowrank: {keep: 0.5}}}",
                        "keep is for pruning steps",
                        "methods: [prune+lowrank], options: {prune+lowrank: {prune: {keep: 2}}}",
                        "keep must be a fraction in (0,1)",
                        "methods: [prune+lowrank], options: {prune+lowrank: {prune: {rank: 2}}}",
                        "unknown option 'rank'");
        broken.forEach(
                (methods, message) ->
                        assertThatThrownBy(
                                        () ->
                                                ExperimentSpec.parse(
                                                        head
                                                                + "experiments: [{id: c, kind:"
                                                                + " compression, data: a, "
                                                                + methods
                                                                + "}]",
                                                        Map.of(),
                                                        "t"))
                                .as(methods)
                                .isInstanceOf(InvalidInputException.class)
                                .hasMessageContaining(message));
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.parse(
                                        head
                                                + "experiments: [{id: t, kind: transfer, from: a,"
                                                + " data: b, methods: [finetune+prune-finetune]}]",
                                        Map.of(),
                                        "t"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("chains of methods are for compression experiments only");
    }

    @Test
    void a_method_listed_twice_is_refused() {
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.parse(
                                        "datasets: {a: {synth: {generator: smooth, count: 10}}}\n"
                                                + "experiments: [{id: c, kind: compression, data: a, methods: [quantize-dynamic, quantize-dynamic-linear]}]",
                                        Map.of(),
                                        "t"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("quantize-dynamic-linear is listed twice");
    }

    @Test
    void mistakes_are_refused_naming_the_field() {
        String ok = "datasets: {a: {synth: {generator: smooth, count: 10}}}\n";
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.parse(
                                        ok
                                                + "experiments: [{id: c, kind: transfer, data: a, methods: [finetune]}]",
                                        Map.of(),
                                        "t"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("experiments.c.from");
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.parse(
                                        ok
                                                + "experiments: [{id: c, kind: compression, data: zz, methods: [prune]}]",
                                        Map.of(),
                                        "t"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("experiments.c.data");
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.parse(
                                        ok
                                                + "experiments: [{id: c, kind: compression, data: a, methods: [prune], options: {prune: {rank: 3}}}]",
                                        Map.of(),
                                        "t"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("options.prune")
                .hasMessageContaining("rank");
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.parse(
                                        ok
                                                + "levels: [40]\n"
                                                + "experiments: [{id: c, kind: compression, data: a, methods: [prune]}]",
                                        Map.of(),
                                        "t"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("levels");
        assertThatThrownBy(() -> ExperimentSpec.load("/no/such/spec.yaml", Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/no/such/spec.yaml");
        assertThatThrownBy(
                        () ->
                                ExperimentSpec.load("paper-mini", Map.of())
                                        .spec()
                                        .only(List.of("nope")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope");
    }
}
