package org.deepfakeedge.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepfakeedge.ArtifactException;
import org.deepfakeedge.io.AtomicFiles;

/**
 * The one JSON configuration of the project: snake_case keys, pretty output, unknown keys tolerated
 * on read (newer files stay readable by older builds).
 *
 * <p>Two ways to read. {@link #MAPPER} is lenient: a missing field becomes null, zero or false, so
 * files of any earlier version load ({@code model.json}, {@code cell.json}). {@link #readStrict} is
 * for the files whose numbers are reported ({@code results.json}, {@code metrics.json}): every
 * component of the project's records must be present unless marked {@link JsonOptional}, so a
 * renamed field fails with the file and the field's path named instead of rendering as "–".
 */
public final class Json {
    /** Shared, thread-safe mapper (configure nothing on it after class initialisation). */
    public static final ObjectMapper MAPPER = builder().build();

    /** As {@link #MAPPER}, with the project's record components required unless optional. */
    private static final ObjectMapper STRICT =
            builder().annotationIntrospector(new RequiredUnlessOptional()).build();

    private Json() {}

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /**
     * Reads {@code file} strictly: every creator property (record component) of a class of this
     * project is required unless marked {@link JsonOptional}; an explicit {@code null} counts as
     * present. Unknown fields are still ignored.
     *
     * @throws ArtifactException naming the file and the JSON path of the first missing or invalid
     *     field, or saying that the file is missing or not JSON
     */
    public static <T> T readStrict(Path file, Class<T> type) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ArtifactException(
                    Files.exists(file)
                            ? file + " is not valid JSON (" + firstLine(e) + ")"
                            : file + " is missing",
                    e);
        }
        return readStrict(tree, type, file);
    }

    /** As {@link #readStrict(Path, Class)} for a tree already read (and upgraded) from source. */
    public static <T> T readStrict(JsonNode tree, Class<T> type, Path source) {
        try {
            return STRICT.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            String path = path(e);
            String what =
                    e.getOriginalMessage().startsWith("Missing required creator property")
                            ? (path.isEmpty() ? "a required field" : path)
                                    + " is missing (renamed, or written by another version of"
                                    + " deepfake-edge)"
                            : (path.isEmpty() ? "" : path + ": ")
                                    + (e instanceof ValueInstantiationException
                                                    && e.getCause() != null
                                            ? e.getCause().getMessage()
                                            : firstLine(e));
            throw new ArtifactException(source + ": " + what, e);
        } catch (IOException e) {
            throw new ArtifactException(source + ": " + firstLine(e), e);
        }
    }

    /** The JSON path of a mapping error, e.g. {@code cells[3].result.accuracy}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonMappingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Requires the creator properties of this project's classes unless {@link JsonOptional}. */
    private static final class RequiredUnlessOptional extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasRequiredMarker(AnnotatedMember m) {
            Boolean declared = super.hasRequiredMarker(m);
            if (Boolean.TRUE.equals(declared)
                    || !m.getDeclaringClass().getName().startsWith("org.deepfakeedge.")) {
                return declared;
            }
            return !m.hasAnnotation(JsonOptional.class);
        }
    }

    /** Writes {@code value} as JSON to {@code file} atomically. */
    public static void write(Path file, Object value) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(value);
        AtomicFiles.write(
                file,
                out -> {
                    out.write(bytes);
                    out.write('\n');
                });
    }

    /** Returns {@code value} as one line of JSON. */
    public static String line(Object value) {
        try {
            return MAPPER.writer()
                    .without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Returns {@code value} as indented JSON. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
