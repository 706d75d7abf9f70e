package org.deepfakeedge.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deepfakeedge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanInputsTest {
    @TempDir Path tmp;

    private static List<ScanInput> all(List<Path> paths) {
        try (Stream<ScanInput> s = ScanInputs.stream(paths)) {
            return s.collect(Collectors.toList());
        }
    }

    private Path touch(String rel) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1, 2, 3});
    }

    @Test
    void foldersAreWalkedDepthFirstInNameOrderTakingImagesAndVideos() throws IOException {
        touch("d/b.png");
        touch("d/a.MP4");
        touch("d/sub/c.jpg");
        touch("d/a_sub/z.webm");
        touch("d/notes.txt");
        touch("d/.hidden.jpg");
        touch("d/__MACOSX/x.jpg");
        List<ScanInput> in = all(List.of(tmp.resolve("d")));
        assertThat(in)
                .extracting(i -> tmp.resolve("d").relativize(i.path()).toString())
                .containsExactly("a.MP4", "a_sub/z.webm", "b.png", "sub/c.jpg");
        assertThat(in)
                .extracting(ScanInput::kind)
                .containsExactly(
                        ScanInput.Kind.VIDEO,
                        ScanInput.Kind.VIDEO,
                        ScanInput.Kind.IMAGE,
                        ScanInput.Kind.IMAGE);
        assertThat(ScanInputs.count(List.of(tmp.resolve("d")))).isEqualTo(4);
    }

    @Test
    void aNamedFileIsAlwaysScannedAndItsKindSniffed() throws IOException {
        Path png = tmp.resolve("photo.bin");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0});
        Path other = touch("clip.dat");
        List<ScanInput> in = all(List.of(png, other));
        assertThat(in)
                .extracting(ScanInput::kind)
                .containsExactly(ScanInput.Kind.IMAGE, ScanInput.Kind.VIDEO);
        assertThat(in).extracting(ScanInput::error).containsOnlyNulls();
    }

    @Test
    void csvListsGiveTheirPathColumnRelativeToTheList() throws IOException {
        touch("lists/imgs/a.jpg");
        Path abs = touch("elsewhere/b.mp4");
        Path csv = tmp.resolve("lists/list.csv");
        Files.writeString(
                csv,
                "label,path\nfake,imgs/a.jpg\n\nreal,\"" + abs + "\"\nreal,imgs/missing.png\n");
        List<ScanInput> in = all(List.of(csv));
        assertThat(in)
                .extracting(ScanInput::path)
                .containsExactly(
                        tmp.resolve("lists/imgs/a.jpg"),
                        abs,
                        tmp.resolve("lists/imgs/missing.png"));
        assertThat(in.get(2).error()).isEqualTo("file not found");
    }

    @Test
    void aCsvWithoutAPathColumnIsOneErrorEntry() throws IOException {
        Path csv = Files.writeString(tmp.resolve("l.csv"), "file,label\na.jpg,fake\n");
        List<ScanInput> in = all(List.of(csv));
        assertThat(in).hasSize(1);
        assertThat(in.get(0).error()).contains("no 'path' column");
    }

    @Test
    void danglingLinksAndLinkLoopsBecomeErrorEntries() throws IOException {
        touch("d/real.jpg");
        Files.createSymbolicLink(tmp.resolve("d/gone.jpg"), tmp.resolve("nowhere.jpg"));
        Files.createSymbolicLink(tmp.resolve("d/loop"), tmp.resolve("d"));
        List<ScanInput> in = all(List.of(tmp.resolve("d")));
        assertThat(in)
                .extracting(i -> i.path().getFileName().toString())
                .containsExactly("gone.jpg", "loop", "real.jpg");
        assertThat(in.get(0).error()).contains("dangling symbolic link");
        assertThat(in.get(1).error()).contains("symbolic link loop");
        assertThat(in.get(2).error()).isNull();
        // named on the command line, a dangling link is an entry too
        assertThat(all(List.of(tmp.resolve("d/gone.jpg"))).get(0).error()).contains("dangling");
    }

    @Test
    void aMissingArgumentIsRefusedUpFront() {
        assertThatThrownBy(() -> ScanInputs.stream(List.of(tmp.resolve("nope"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file or folder");
    }

    @Test
    void theWalkIsLazy() throws IOException {
        for (int i = 0; i < 50; i++) {
            touch(String.format("d/f%02d.jpg", i));
        }
        Files.createDirectories(tmp.resolve("d/zz"));
        try (Stream<ScanInput> s = ScanInputs.stream(List.of(tmp.resolve("d")))) {
            var it = s.iterator();
            assertThat(it.next().path().getFileName().toString()).isEqualTo("f00.jpg");
            // a file created after the walk started, in a sub-folder not yet entered, is seen:
            // folders are listed when the walk reaches them, not up front
            touch("d/zz/late.jpg");
            long rest = 0;
            while (it.hasNext()) {
                it.next();
                rest++;
            }
            assertThat(rest).isEqualTo(50);
        }
    }
}
