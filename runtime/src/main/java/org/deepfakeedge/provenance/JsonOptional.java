package org.deepfakeedge.provenance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that a file may lack: a value that can be null (written only when
 * known), or one that files of an earlier version did not have. {@link Json#readStrict} requires
 * every other component of the project's records, so a renamed or missing field fails the read
 * instead of turning into a null or a zero. The lenient {@link Json#MAPPER} ignores the mark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
    ElementType.RECORD_COMPONENT,
    ElementType.PARAMETER,
    ElementType.FIELD,
    ElementType.METHOD
})
public @interface JsonOptional {}
