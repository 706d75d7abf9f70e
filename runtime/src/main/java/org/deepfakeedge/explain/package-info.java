/**
 * Why a verdict was given: heatmaps of where a detector looked.
 *
 * <p>A {@link org.deepfakeedge.explain.Heatmap} covers the model's input square (the image after
 * the model's resize or centre crop), one value in [0, 1] per input pixel, 1 where the evidence for
 * "fake" is strongest. {@link org.deepfakeedge.explain.OcclusionExplainer} computes one without
 * gradients, from forward passes only, so it works on every runtime (ONNX Runtime, INT8, {@code
 * .onnx} files, the service); the DJL runtime adds Grad-CAM. {@link
 * org.deepfakeedge.explain.HeatmapOverlay} draws a map over the image it explains (mapped back
 * through the model's resize) and {@link org.deepfakeedge.explain.OverlayPng} writes it. Pure Java:
 * this package depends on the {@code data} and {@code io} packages only, and the {@code runtime}
 * package reaches it through {@link org.deepfakeedge.runtime.Detector#explain}.
 */
package org.deepfakeedge.explain;
