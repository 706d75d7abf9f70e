package org.deepfakeedge.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted non-maximum suppression: BlazeFace fires on several neighbouring anchors for
 * one face, and averaging them gives a steadier box than keeping the best one alone.
 *
 * <p>Repeatedly: take the highest-scoring remaining detection; it and every remaining detection
 * whose IoU with it is <em>greater</em> than the threshold form a cluster and leave the list; the
 * cluster becomes one face whose box corners and keypoints are the score-weighted means of the
 * cluster's, and whose score is the highest one (the first's). Detections that overlap the first by
 * the threshold or less stay for later rounds. Equal scores keep their input order. Stateless and
 * thread-safe.
 */
final class WeightedNms {

    private WeightedNms() {}

    /**
     * Merges overlapping detections.
     *
     * @param detections raw detections, any order
     * @param iouThreshold IoU above which a detection joins the current cluster, in [0, 1]
     * @return the merged faces, highest score first
     */
    static List<Face> apply(List<Face> detections, double iouThreshold) {
        List<Face> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble(Face::score).reversed());
        List<Face> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Face top = remaining.get(0);
            List<Face> cluster = new ArrayList<>();
            List<Face> rest = new ArrayList<>();
            for (Face f : remaining) {
                if (f == top || top.box().iou(f.box()) > iouThreshold) {
                    cluster.add(f);
                } else {
                    rest.add(f);
                }
            }
            out.add(cluster.size() == 1 ? top : merge(cluster, top.score()));
            remaining = rest;
        }
        return out;
    }

    private static Face merge(List<Face> cluster, double score) {
        int points = Landmark.values().length;
        double total = 0;
        double left = 0;
        double top = 0;
        double right = 0;
        double bottom = 0;
        double[] kx = new double[points];
        double[] ky = new double[points];
        for (Face f : cluster) {
            double w = f.score();
            total += w;
            left += w * f.box().x();
            top += w * f.box().y();
            right += w * f.box().right();
            bottom += w * f.box().bottom();
            for (int k = 0; k < points; k++) {
                kx[k] += w * f.keypoints().get(k).x();
                ky[k] += w * f.keypoints().get(k).y();
            }
        }
        if (total <= 0) {
            // all scores 0 (only with a threshold of 0): weigh the cluster's members equally
            return merge(
                    cluster.stream().map(f -> new Face(f.box(), 1, f.keypoints())).toList(), score);
        }
        List<Keypoint> keypoints = new ArrayList<>(points);
        for (int k = 0; k < points; k++) {
            keypoints.add(new Keypoint(kx[k] / total, ky[k] / total));
        }
        return new Face(
                Box.ofCorners(left / total, top / total, right / total, bottom / total),
                score,
                keypoints);
    }
}
