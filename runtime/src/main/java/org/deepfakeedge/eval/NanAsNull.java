package org.deepfakeedge.eval;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a double property whose NaN ("undefined", e.g. ROC-AUC with one class) is written as JSON
 * {@code null} and read back as NaN.
 *
 * <p>JSON has no NaN; Jackson's default writes the string {@code "NaN"}, which strict parsers and
 * report tools treat as text. The annotation travels with the type, so any {@code ObjectMapper}
 * gets it right without configuration.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = NanAsNull.Serializer.class)
@JsonDeserialize(using = NanAsNull.Deserializer.class)
@interface NanAsNull {

    /** Writes NaN as {@code null}, any other value as a number. */
    final class Serializer extends StdScalarSerializer<Double> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            if (value.isNaN()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }

    /** Reads {@code null} (or an absent property) as NaN, numbers as themselves. */
    final class Deserializer extends StdScalarDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                // Tolerate files written by a mapper that quoted non-finite numbers ("NaN").
                String text = p.getText().trim();
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    return (Double) ctxt.handleWeirdStringValue(Double.class, text, "not a number");
                }
            }
            if (!p.currentToken().isNumeric()) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            return p.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
