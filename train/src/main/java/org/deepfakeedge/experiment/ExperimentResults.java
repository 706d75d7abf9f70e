package org.deepfakeedge.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.deepfakeedge.artifact.ModelArtifact;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.data.DatasetLoader;
import org.deepfakeedge.data.DatasetOptions;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.experiment.ExperimentSpec.ExperimentDef;
import org.deepfakeedge.provenance.EnvironmentInfo;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.provenance.ToolInfo;

/**
 * Builds {@code results.json}: every number of the report, copied from the artifacts' own metrics
 * files, with provenance (spec text, seed, data set fingerprints, tool version and git commit,
 * engines, CPU). The report is rendered from this file alone.
 */
final class ExperimentResults {
    private ExperimentResults() {}

    static ObjectNode build(
            Path out,
            ExperimentSpec spec,
            String specText,
            Map<String, Path> datasets,
            Map<String, Path> teachers,
            Map<String, String> teacherErrors,
            List<CellRecord> cells,
            String started,
            double seconds)
            throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", 1);
        ObjectNode s = root.putObject("spec");
        s.put("name", spec.name());
        s.put("description", spec.description());
        s.put("seed", spec.seed());
        s.put("image_size", spec.imageSize());
        s.set("levels", Json.MAPPER.valueToTree(spec.levels()));
        s.put("text", specText);

        ObjectNode prov = root.putObject("provenance");
        prov.set("tool", Json.MAPPER.valueToTree(ToolInfo.current()));
        prov.set("machine", Json.MAPPER.valueToTree(EnvironmentInfo.current()));
        prov.set("engines", Json.MAPPER.valueToTree(DjlEngine.versions()));
        prov.put("started_at", started);
        prov.put("finished_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        prov.put("run_seconds", seconds);
        ObjectNode ds = prov.putObject("datasets");
        for (var e : datasets.entrySet()) {
            DatasetIndex idx = DatasetLoader.open(e.getValue(), DatasetOptions.defaults());
            ObjectNode d = ds.putObject(e.getKey());
            d.put("root", rel(out, e.getValue()));
            d.put("layout", idx.layout());
            d.put("fingerprint", idx.fingerprint());
            d.set("counts", Json.MAPPER.valueToTree(idx.counts()));
            d.put("generators", idx.hasGenerators());
            String about = spec.datasets().get(e.getKey()).about();
            if (about != null) {
                d.put("about", about);
            }
        }

        ObjectNode t = root.putObject("teachers");
        for (var e : teachers.entrySet()) {
            ObjectNode o = t.putObject(e.getKey());
            o.put("artifact", rel(out, e.getValue()));
            o.set("metrics", readJson(e.getValue().resolve(ModelArtifact.METRICS)));
        }
        teacherErrors.forEach((name, err) -> t.putObject(name).put("error", err));

        ArrayNode exps = root.putArray("experiments");
        for (ExperimentDef e : spec.experiments()) {
            ObjectNode o = exps.addObject();
            o.put("id", e.id());
            o.put("title", e.title());
            o.put("kind", e.kind());
            o.put("data", e.data());
            if (e.from() != null) {
                o.put("from", e.from());
            }
            o.set("methods", Json.MAPPER.valueToTree(e.methods()));
            o.set("extra_tests", Json.MAPPER.valueToTree(e.extraTests()));
        }

        ArrayNode arr = root.putArray("cells");
        for (CellRecord c : cells) {
            ObjectNode o = Json.MAPPER.valueToTree(c);
            if (c.ok()) {
                o.set("result", readJson(out.resolve(c.metrics())));
                ObjectNode extra = o.putObject("extra_results");
                for (var x : c.extraTests().entrySet()) {
                    extra.set(x.getKey(), readJson(out.resolve(x.getValue())));
                }
                if (c.method().equals(Methods.BASELINE) && c.kind().equals("compression")) {
                    // the full model's training time is the teacher's
                    JsonNode tm = readJson(out.resolve(c.source()).resolve(ModelArtifact.METRICS));
                    JsonNode tr = tm.path("training").path("train_seconds");
                    if (tr.isNumber()) {
                        o.put("train_seconds", tr.asDouble());
                    }
                } else {
                    JsonNode tr = o.path("result").path("training").path("train_seconds");
                    if (tr.isNumber()) {
                        o.put("train_seconds", tr.asDouble());
                    }
                }
            }
            arr.add(o);
        }
        return root;
    }

    private static JsonNode readJson(Path file) throws IOException {
        return Files.isRegularFile(file)
                ? Json.MAPPER.readTree(file.toFile())
                : Json.MAPPER.createObjectNode();
    }

    private static String rel(Path out, Path p) {
        Path a = out.toAbsolutePath().normalize();
        Path b = p.toAbsolutePath().normalize();
        return b.startsWith(a) ? a.relativize(b).toString() : b.toString();
    }
}
