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
}
