package org.deepfakeedge.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Facts about the machine that make a number reproducible: Java, OS, CPU model and SIMD flags,
 * cores. The build is {@link ToolInfo}; both are part of {@link Provenance}.
 *
 * @param java Java runtime version
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param cpu CPU model name (from /proc/cpuinfo where available)
 * @param cpuFlags the SIMD flags that matter for inference speed (avx2, avx512f, avx512_vnni, ...)
 * @param cores logical processors visible to the JVM
 */
public record EnvironmentInfo(
        String java, String os, String arch, String cpu, List<String> cpuFlags, int cores) {

    private static final List<String> FLAGS_OF_INTEREST =
            List.of(
                    "sse4_2",
                    "avx",
                    "avx2",
                    "fma",
                    "f16c",
                    "avx512f",
                    "avx512bw",
                    "avx512_vnni",
                    "avx_vnni",
                    "amx_int8");

    /**
     * The CPU in one line, as benchmark texts head their tables: {@code CPU: NAME (N cores;
     * FLAGS)}, no line break.
     */
    public String cpuLine() {
        return String.format(
                Locale.ROOT, "CPU: %s (%d cores; %s)", cpu, cores, String.join(" ", cpuFlags));
    }

    /** Reads the current environment. */
    public static EnvironmentInfo current() {
        String cpu = System.getProperty("os.arch");
        List<String> flags = new ArrayList<>();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")
                            && cpu.equals(System.getProperty("os.arch"))) {
                        cpu = line.substring(line.indexOf(':') + 1).trim();
                    } else if (line.startsWith("flags") && flags.isEmpty()) {
                        List<String> have =
                                List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                        for (String f : FLAGS_OF_INTEREST) {
                            if (have.contains(f)) {
                                flags.add(f);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // keep the defaults: provenance must never fail a run
            }
        }
        return new EnvironmentInfo(
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                cpu,
                List.copyOf(flags),
                Runtime.getRuntime().availableProcessors());
    }
}
