package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines stay lines and keys read back equal, whatever a path holds. */
class ScanOutputTest {
    @TempDir Path tmp;

    private static ScanResult result(String path, String error) {
        return new ScanResult(
                path,
                "image",
                10,
                error == null ? "2026-01-01T00:00:00Z" : null,
                "abc",
                error == null ? 0.25 : null,
                error == null ? "real" : null,
                0.5,
                1,
                1,
                0,
                true,
                error,
                null,
                null);
    }

    @Test
    void awkwardPathsRoundTripInCsvAndJsonLines() throws IOException {
        List<ScanResult> rs =
                List.of(
                        result("a,b \"quoted\".jpg", null),
                        result("line\nbreak.jpg", null),
                        result("back\\slash.jpg", "bad, really\nbad"));
        for (String name : new String[] {"o.csv", "o.jsonl"}) {
            Path f = tmp.resolve(name);
            try (ScanOutput o = ScanOutput.open(f, false)) {
                rs.forEach(o::write);
            }
            int header = name.endsWith(".csv") ? 1 : 0;
            assertThat(Files.readAllLines(f)).as(name).hasSize(rs.size() + header);
            try (ScanOutput o = ScanOutput.open(f, true)) {
                assertThat(o.finishedCount()).as(name).isEqualTo(rs.size());
                assertThat(o.truncatedBytes()).isZero();
                for (ScanResult r : rs) {
                    assertThat(o.isFinished(r.key())).as(name + " " + r.path()).isTrue();
                }
                assertThat(o.isFinished(result("other.jpg", null).key())).isFalse();
            }
        }
    }

    @Test
    void aPartialLastLineIsCutOff() throws IOException {
        Path f = tmp.resolve("p.jsonl");
        try (ScanOutput o = ScanOutput.open(f, false)) {
            o.write(result("one.jpg", null));
        }
        String whole = Files.readString(f);
        String partial = "{\"path\":\"two.j";
        Files.writeString(f, whole + partial);
        try (ScanOutput o = ScanOutput.open(f, true)) {
            assertThat(o.truncatedBytes()).isEqualTo(partial.length());
            assertThat(o.finishedCount()).isEqualTo(1);
        }
        assertThat(Files.readString(f)).isEqualTo(whole);
    }

    @Test
    void theExplanationIsAJsonArrayInCsvAndLeftOutOfJsonWithoutExplain() throws IOException {
        ScanResult plain = result("a.jpg", null);
        ScanResult explained = plain.withExplanation(List.of("ov/a-1.png", "ov/a,2.png"));
        assertThat(ScanOutput.jsonLine(plain)).doesNotContain("explanation");
        assertThat(ScanOutput.jsonLine(explained))
                .contains(",\"error\":null,\"explanation\":[\"ov/a-1.png\",\"ov/a,2.png\"]}");
        assertThat(String.join(",", ScanOutput.CSV_COLUMNS))
                .endsWith(",no_face,error,explanation,detail");
        assertThat(ScanOutput.csvLine(plain)).endsWith(",true,,,");
        assertThat(ScanOutput.csvLine(explained))
                .endsWith(",true,,\"[\"\"ov/a-1.png\"\",\"\"ov/a,2.png\"\"]\",");
        List<String> back = CsvText.parseLine(ScanOutput.csvLine(explained));
        assertThat(back).hasSize(ScanOutput.CSV_COLUMNS.size());
        assertThat(back.get(ScanOutput.CSV_COLUMNS.indexOf("explanation")))
                .isEqualTo("[\"ov/a-1.png\",\"ov/a,2.png\"]");
    }

    @Test
    void aCsvOfEarlierColumnsIsResumedInItsOwnColumns() throws IOException {
        Path f = tmp.resolve("old.csv");
        String header = String.join(",", ScanOutput.CSV_COLUMNS_WITHOUT_EXPLANATION);
        assertThat(header).doesNotContain("explanation");
        String row = ScanOutput.csvLine(result("one.jpg", null), false);
        Files.writeString(f, header + "\n" + row + "\n");
        try (ScanOutput o = ScanOutput.open(f, true)) {
            assertThat(o.recordsExplanations()).isFalse();
            assertThat(o.isFinished(result("one.jpg", null).key())).isTrue();
            o.write(result("two.jpg", null));
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(3);
        assertThat(CsvText.parseLine(lines.get(2)))
                .hasSize(ScanOutput.CSV_COLUMNS_WITHOUT_EXPLANATION.size());
        try (ScanOutput o = ScanOutput.open(tmp.resolve("new.csv"), false)) {
            assertThat(o.recordsExplanations()).isTrue();
        }
        try (ScanOutput o = ScanOutput.open(tmp.resolve("new.csv"), true)) {
            assertThat(o.recordsExplanations()).isTrue();
        }
    }
}
