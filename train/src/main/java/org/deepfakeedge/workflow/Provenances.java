package org.deepfakeedge.workflow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepfakeedge.data.DatasetIndex;
import org.deepfakeedge.engine.DjlEngine;
import org.deepfakeedge.provenance.EnvironmentInfo;

/** Builds the provenance maps recorded in artifacts. */
final class Provenances {
    private Provenances() {}

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static Map<String, Object> base(long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("created_at", now());
        p.put("tool", EnvironmentInfo.tool());
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("machine", EnvironmentInfo.current());
        env.put("engines", DjlEngine.versions());
        env.put("threads", DjlEngine.threads());
        p.put("environment", env);
        p.put("seed", seed);
        return p;
    }

    static Map<String, Object> data(DatasetIndex d, String fingerprint) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", d.root().toAbsolutePath().toString());
        m.put("layout", d.layout());
        m.put("fingerprint", fingerprint);
        m.put("counts", d.counts());
        m.put("class_names", d.classNames());
        return m;
    }
}
