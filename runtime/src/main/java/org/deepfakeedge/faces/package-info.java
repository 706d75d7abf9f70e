/**
 * Face detection that ships with the runtime and works offline: MediaPipe's BlazeFace on ONNX
 * Runtime, and the square face crops a DeepFake classifier scores.
 *
 * <p>Why this way. A DeepFake is a manipulated <em>face</em>; a classifier trained on face crops
 * sees a whole frame as mostly background, so a video frame or a photo must be cut to its faces
 * first. An edge device cannot download a detector at run time, and the runtime must not grow a
 * heavy native dependency for it: BlazeFace is a 0.4 MB network (0.6 MB for the 256 model) that
 * runs on the ONNX Runtime the classifiers already use, so the two bundled files ({@link
 * org.deepfakeedge.faces.BlazeFaceModel}, licence and origin beside them in {@code
 * org/deepfakeedge/faces/blazeface/}) grow the jar by 0.6 MB and add no dependency. OpenCV's Haar
 * cascades, the fallback, would bring OpenCV's 30 MB of natives and OpenBLAS.
 *
 * <p>What happens. {@link org.deepfakeedge.faces.FaceDetector#detect} letterboxes the frame into
 * the network's square input (no distortion; the boxes are mapped back exactly), decodes the 896
 * anchors (16×16×2 + 8×8×6) and merges overlapping detections with MediaPipe's weighted NMS
 * (score-weighted means of the boxes and keypoints), all in Java; {@link
 * org.deepfakeedge.faces.FaceCrop} cuts a square with a margin around each face and resizes it with
 * the same resampler as the classifier's preprocessing. Nothing here depends on DJL.
 */
package org.deepfakeedge.faces;
