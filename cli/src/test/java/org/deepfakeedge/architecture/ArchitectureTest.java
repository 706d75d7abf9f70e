package org.deepfakeedge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules, checked over the classes of every module (the CLI's classpath holds them all).
 * The module graph already keeps DJL, Javalin and picocli out of the runtime module; these rules
 * keep the packages inside each module acyclic and the layers pointing one way.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the other modules are target/classes directories or their jars, depending on the phase
        // Maven ran them to; only our own locations hold org.deepfakeedge
        // ... and the test fixtures of runtime and server come as test jars, which ArchUnit's own
        // option does not recognise
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(location -> !location.contains("-tests.jar"))
                        .importPackages("org.deepfakeedge");
    }

    @Test
    void every_module_was_imported() {
        for (String pkg :
                new String[] {
                    "org.deepfakeedge.runtime",
                    "org.deepfakeedge.engine",
                    "org.deepfakeedge.serve",
                    "org.deepfakeedge.scan",
                    "org.deepfakeedge.cli"
                }) {
            org.assertj.core.api.Assertions.assertThat(
                            classes.stream().anyMatch(c -> c.getPackageName().equals(pkg)))
                    .as(pkg)
                    .isTrue();
        }
    }

    @Test
    void packages_have_no_cycles() {
        slices().matching("org.deepfakeedge.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void the_runtime_layer_never_reaches_the_engine_the_service_or_the_command_line() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.deepfakeedge.model..",
                        "org.deepfakeedge.artifact..",
                        "org.deepfakeedge.provenance..",
                        "org.deepfakeedge.data..",
                        "org.deepfakeedge.perturb..",
                        "org.deepfakeedge.explain..",
                        "org.deepfakeedge.eval..",
                        "org.deepfakeedge.export..",
                        "org.deepfakeedge.runtime",
                        "org.deepfakeedge.io..",
                        "org.deepfakeedge.render..",
                        "org.deepfakeedge.faces..",
                        "org.deepfakeedge.scan..",
                        "org.deepfakeedge.calibrate..",
                        "org.deepfakeedge.compress.quantize..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "ai.djl..",
                        "io.javalin..",
                        "picocli..",
                        "org.deepfakeedge.engine..",
                        "org.deepfakeedge.train..",
                        "org.deepfakeedge.serve..",
                        "org.deepfakeedge.cli..",
                        "org.deepfakeedge.workflow..",
                        "org.deepfakeedge.experiment..",
                        "org.deepfakeedge.report..")
                .check(classes);
    }

    @Test
    void rendering_knows_no_model_data_or_experiment() {
        // Markdown, HTML and SVG primitives only: the documents are composed by their callers
        noClasses()
                .that()
                .resideInAPackage("org.deepfakeedge.render..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.deepfakeedge.model..",
                        "org.deepfakeedge.artifact..",
                        "org.deepfakeedge.data..",
                        "org.deepfakeedge.eval..",
                        "org.deepfakeedge.provenance..",
                        "org.deepfakeedge.runtime..")
                .check(classes);
    }

    @Test
    void the_service_depends_on_the_runtime_layer_only() {
        noClasses()
                .that()
                .resideInAPackage("org.deepfakeedge.serve..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "ai.djl..",
                        "picocli..",
                        "org.deepfakeedge.engine..",
                        "org.deepfakeedge.train..",
                        "org.deepfakeedge.workflow..",
                        "org.deepfakeedge.experiment..",
                        "org.deepfakeedge.cli..",
                        "org.deepfakeedge.runtime.djl..")
                .check(classes);
    }

    @Test
    void only_the_command_line_exits_the_process() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.deepfakeedge.cli..")
                .should()
                .callMethod(System.class, "exit", int.class)
                .check(classes);
    }

    @Test
    void commands_print_through_picocli_writers_so_callers_can_capture_them() {
        // ConsoleProgress draws progress bars on the terminal's stderr, not command output
        noClasses()
                .that()
                .resideInAPackage("org.deepfakeedge.cli..")
                .and()
                .doNotHaveSimpleName("ConsoleProgress")
                .and()
                .doNotHaveSimpleName("Main")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(classes);
    }
}
