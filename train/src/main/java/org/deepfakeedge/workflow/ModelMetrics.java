package org.deepfakeedge.workflow;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.provenance.Json;

/**
 * The content of a {@code metrics.json} (an artifact's, a cell's, or an extra test set's {@code
 * extra-NAME.json}): the test evaluation, the cost figures, what the step did and how it trained,
 * as one flat object.
 *
 * <p>JSON: with test data, the {@link EvaluationReport}'s keys (which include the cost figures);
 * without, {@code params, nonzero_params, model_bytes} alone; then, for a compression step, {@code
 * method, command_seconds, details}; then, for a model that trained, {@code training {...}} ({@link
 * TrainingRecord}). Written and read through these records, so a report reads exactly what a
 * workflow wrote; {@link #read} reads strictly (a missing field fails naming the file and field).
 *
 * @param test the evaluation on the test split (null without test data)
 * @param params trainable parameters
 * @param nonzeroParams non-zero trainable parameters
 * @param modelBytes bytes on disk of the model
 * @param step what a compression step did (null for training and plain evaluations)
 * @param training the training record (null if the model did not train)
 */
@JsonDeserialize(using = ModelMetrics.Reader.class)
public record ModelMetrics(
        EvaluationReport test,
        long params,
        long nonzeroParams,
        long modelBytes,
        StepRecord step,
        TrainingRecord training) {

    /**
     * What a compression step did.
     *
     * @param method the method (prune, distill, ...)
     * @param commandSeconds wall time of the whole step
     * @param details method-specific figures (sparsity, rank, retained energy, ...)
     */
    public record StepRecord(String method, double commandSeconds, Map<String, Object> details) {
        public StepRecord {
            details =
                    details == null
                            ? Map.of()
                            : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    public ModelMetrics {
        if (test != null
                && (test.params() != params
                        || test.nonzeroParams() != nonzeroParams
                        || test.modelBytes() != modelBytes)) {
            throw new IllegalArgumentException(
                    "the cost figures must be the test evaluation's: params "
                            + params
                            + " vs "
                            + test.params());
        }
    }

    /** The metrics of an evaluated model. */
    public static ModelMetrics of(EvaluationReport test, StepRecord step, TrainingRecord training) {
        return new ModelMetrics(
                test, test.params(), test.nonzeroParams(), test.modelBytes(), step, training);
    }

    /** Reads a metrics file strictly. */
    public static ModelMetrics read(Path file) {
        return Json.readStrict(file, ModelMetrics.class);
    }

    /** The test evaluation's metrics, null without test data. */
    public Evaluation evaluation() {
        return test == null ? null : test.evaluation();
    }

    /** The training wall time, null if the model did not train. */
    public Double trainSeconds() {
        return training == null ? null : training.trainSeconds();
    }

    /** The flat JSON object. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectNode o;
        if (test != null) {
            o = test.toJson();
        } else {
            o = Json.MAPPER.valueToTree(new Cost(params, nonzeroParams, modelBytes));
        }
        if (step != null) {
            o.setAll((ObjectNode) Json.MAPPER.valueToTree(step));
        }
        if (training != null) {
            o.set("training", Json.MAPPER.valueToTree(training));
        }
        return o;
    }

    private record Cost(long params, long nonzeroParams, long modelBytes) {}

    /** Reads the flat object back into its parts; a part is there when its first key is. */
    static final class Reader extends StdDeserializer<ModelMetrics> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(ModelMetrics.class);
        }

        @Override
        public ModelMetrics deserialize(JsonParser p, DeserializationContext ctxt)
                throws IOException {
            JsonNode o = ctxt.readTree(p);
            Cost cost = ctxt.readTreeAsValue(o, Cost.class);
            EvaluationReport test =
                    o.has("n") ? ctxt.readTreeAsValue(o, EvaluationReport.class) : null;
            StepRecord step = o.has("method") ? ctxt.readTreeAsValue(o, StepRecord.class) : null;
            TrainingRecord training = null;
            if (o.hasNonNull("training")) {
                try {
                    training = ctxt.readTreeAsValue(o.get("training"), TrainingRecord.class);
                } catch (JsonMappingException e) {
                    e.prependPath(ModelMetrics.class, "training");
                    throw e;
                }
            }
            try {
                return new ModelMetrics(
                        test,
                        cost.params(),
                        cost.nonzeroParams(),
                        cost.modelBytes(),
                        step,
                        training);
            } catch (IllegalArgumentException e) {
                return ctxt.reportInputMismatch(ModelMetrics.class, e.getMessage());
            }
        }
    }
}
