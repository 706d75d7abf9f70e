package org.deepfakeedge.cli;

import java.util.Locale;
import org.deepfakeedge.eval.Evaluation;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.workflow.CompressionOutcome;

/** The one-screen summary of a compression command. */
final class CompressionSummary {
    private CompressionSummary() {}

    static String render(CompressionOutcome o, boolean json) {
        if (json) {
            return Json.line(o.toJson()) + System.lineSeparator();
        }
        var src = o.source();
        var dst = o.artifact();
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%s -> %s (%s, %.1f s)%n",
                        src.dir(),
                        dst.dir(),
                        o.method(),
                        o.seconds()));
        sb.append(String.format(Locale.ROOT, "%-18s %14s %14s%n", "", "before", "after"));
        row(
                sb,
                "params",
                Format.count(src.manifest().spec().parameterCount()),
                Format.count(dst.manifest().spec().parameterCount()));
        row(
                sb,
                "non-zero params",
                Format.count(src.weights().nonZeroParameters()),
                Format.count(dst.weights().nonZeroParameters()));
        row(sb, "bytes on disk", Format.bytes(src.bytesOnDisk()), Format.bytes(dst.bytesOnDisk()));
        if (o.before() != null && o.after() != null) {
            Evaluation before = o.before().evaluation();
            Evaluation after = o.after().evaluation();
            metric(sb, "accuracy", before.accuracy(), after.accuracy());
            metric(sb, "precision", before.precision(), after.precision());
            metric(sb, "recall", before.recall(), after.recall());
            metric(sb, "F1", before.f1(), after.f1());
            metric(sb, "ROC-AUC", before.rocAuc(), after.rocAuc());
        }
        o.details()
                .forEach(
                        (k, v) -> {
                            if (!(v instanceof java.util.Map)) {
                                sb.append(String.format(Locale.ROOT, "%-18s %s%n", k, v));
                            }
                        });
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String a, String b) {
        sb.append(String.format(Locale.ROOT, "%-18s %14s %14s%n", name, a, b));
    }

    private static void metric(StringBuilder sb, String name, double a, double b) {
        row(sb, name, Format.num(a), Format.num(b));
    }
}
