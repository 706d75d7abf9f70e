package org.deepfakeedge.serve;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads Prometheus text exposition in tests: each series' name and labels → its value. */
final class PrometheusText {
    private PrometheusText() {}

    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
        }
        return out;
    }
}
