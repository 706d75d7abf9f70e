package org.deepfakeedge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.deepfakeedge.provenance.Json;
import org.deepfakeedge.render.Format;
import org.deepfakeedge.workflow.EvaluationReport;
import org.deepfakeedge.workflow.TrainOutcome;

/** Renders workflow results for the terminal (text) and for scripts (JSON). */
final class Summaries {
    private Summaries() {}

    static ObjectNode train(TrainOutcome o) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("model", o.artifact().dir().toString());
        n.put("arch", o.artifact().manifest().spec().arch());
        n.put("params", o.artifact().manifest().spec().parameterCount());
        n.put("model_bytes", o.artifact().bytesOnDisk());
        n.put("train_seconds", o.training().trainSeconds());
        n.put("best_epoch", o.training().bestEpoch());
        n.put("threshold", o.training().threshold());
        n.put("skipped_files", o.training().skippedFiles().size());
        if (o.test() != null) {
            n.set("test", o.test().toJson());
        }
        return n;
    }

    static String trainText(TrainOutcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "model      %s (%s, %s params, %s on disk)%n",
                        o.artifact().dir(),
                        o.artifact().manifest().spec().arch(),
                        Format.count(o.artifact().manifest().spec().parameterCount()),
                        Format.bytes(o.artifact().bytesOnDisk())));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "training   %.1f s, best epoch %d of %d, threshold %.4f%n",
                        o.training().trainSeconds(),
                        o.training().bestEpoch(),
                        o.training().epochs().size(),
                        o.training().threshold()));
        if (!o.training().skippedFiles().isEmpty()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "skipped    %d unreadable files (listed in metrics.json)%n",
                            o.training().skippedFiles().size()));
        }
        if (o.test() != null) {
            sb.append(evaluationText(o.test()));
        }
        return sb.toString();
    }

    static String evaluationText(EvaluationReport r) {
        var e = r.evaluation();
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-10s %d images (%s split)%s%n",
                        "evaluated",
                        e.n(),
                        r.split(),
                        r.skipped().isEmpty()
                                ? ""
                                : ", " + r.skipped().size() + " unreadable skipped"));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "accuracy   %.4f   precision %.4f   recall %.4f   F1 %.4f   (threshold %.4f)%n",
                        e.accuracy(),
                        e.precision(),
                        e.recall(),
                        e.f1(),
                        e.threshold()));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "ROC-AUC    %.4f   AP %.4f   EER %.4f   confusion tp %d fp %d tn %d fn %d%n",
                        e.rocAuc(),
                        e.averagePrecision(),
                        e.eer(),
                        e.confusion().tp(),
                        e.confusion().fp(),
                        e.confusion().tn(),
                        e.confusion().fn()));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "at 0.5     accuracy %.4f   F1 %.4f%n",
                        e.atHalf().accuracy(),
                        e.atHalf().f1()));
        e.perGenerator()
                .forEach(
                        (g, m) ->
                                sb.append(
                                        String.format(
                                                Locale.ROOT,
                                                "  %-16s n %5d  accuracy %.4f  recall %.4f  AUC %s%n",
                                                g,
                                                m.n(),
                                                m.accuracy(),
                                                m.recall(),
                                                Format.num(m.rocAuc()))));
        if (r.videoLevel() != null) {
            var v = r.videoLevel();
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "videos     %d (mean frame score per video)%n"
                                    + "  accuracy %.4f   precision %.4f   recall %.4f   F1 %.4f%n"
                                    + "  ROC-AUC  %s   AP %s   EER %s   confusion tp %d fp %d tn %d fn %d%n",
                            v.n(),
                            v.accuracy(),
                            v.precision(),
                            v.recall(),
                            v.f1(),
                            Format.num(v.rocAuc()),
                            Format.num(v.averagePrecision()),
                            Format.num(v.eer()),
                            v.confusion().tp(),
                            v.confusion().fp(),
                            v.confusion().tn(),
                            v.confusion().fn()));
        }
        if (r.calibration() != null) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "calibration ECE %s   Brier %s   (%d bins over p_fake)%n",
                            Format.num(r.calibration().ece()),
                            Format.num(r.calibration().brier()),
                            r.calibration().bins()));
        }
        if (r.unsure() != null) {
            var u = r.unsure();
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "unsure band [%s, %s): decided %d of %d (coverage %s), accuracy on the"
                                    + " decided %s%n",
                            Format.num(u.low()),
                            Format.num(u.high()),
                            u.decided(),
                            u.n(),
                            Format.num(u.coverage()),
                            Format.num(u.accuracyDecided())));
        }
        if (!r.robustness().isEmpty()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "robustness (clean threshold %.4f)%n  %-24s %6s %9s %8s %8s %8s%n",
                            e.threshold(),
                            "perturbation",
                            "n",
                            "accuracy",
                            "ROC-AUC",
                            "recall",
                            "flipped"));
            r.robustness()
                    .forEach(
                            m ->
                                    sb.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "  %-24s %6d %9.4f %8s %8.4f %8.4f%n",
                                                    m.perturbation(),
                                                    m.n(),
                                                    m.accuracy(),
                                                    Format.num(m.rocAuc()),
                                                    m.recallAtThreshold(),
                                                    m.flipped())));
        }
        if (r.rocSvg() != null) {
            sb.append("ROC curve  ").append(r.rocSvg()).append(System.lineSeparator());
        }
        if (r.reliabilitySvg() != null) {
            sb.append("reliability diagram ")
                    .append(r.reliabilitySvg())
                    .append(System.lineSeparator());
        }
        return sb.toString();
    }
}
