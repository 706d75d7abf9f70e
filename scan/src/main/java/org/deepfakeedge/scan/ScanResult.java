package org.deepfakeedge.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The result of one file: one line of the scan's output.
 *
 * @param path the file as it was named or found
 * @param kind {@code image}, {@code video}, or {@code unknown} (an entry that could not be
 *     classified: a dangling link, a loop)
 * @param size bytes, -1 when unknown
 * @param mtime last modification (ISO-8601 instant), null when unknown
 * @param modelId the model's id (artifact id, else the model file's SHA-256)
 * @param pFake the file's probability of fake; null when nothing was scored (error, or no face and
 *     {@code --no-face skip} / {@code --faces on})
 * @param label {@code fake} when pFake ≥ threshold, else {@code real}; {@code unsure} when pFake
 *     lies in the scan's unsure band ({@code --unsure}); null with pFake
 * @param threshold the model's decision threshold
 * @param frames frames scored (1 for a scored image)
 * @param framesRead frames decoded (images: 1)
 * @param faces faces found over all frames read
 * @param noFace true when no face was found in any frame read (with faces on or auto)
 * @param error one line saying why the file could not be scanned, or null
 * @param detail per frame: index, time, score, faces; only with {@code --details}
 * @param explanation only with {@code --explain DIR}: the heatmap overlays written for the file
 *     (the whole image, or one per face crop; a video's of its most-fake scored frame), empty when
 *     nothing was scored; null (left out of JSON) without {@code --explain} and for errors
 */
@JsonPropertyOrder({
    "path",
    "kind",
    "size",
    "mtime",
    "model_id",
    "p_fake",
    "label",
    "threshold",
    "frames",
    "frames_read",
    "faces",
    "no_face",
    "error",
    "explanation",
    "detail"
})
public record ScanResult(
        String path,
        String kind,
        long size,
        String mtime,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("p_fake") Double pFake,
        String label,
        double threshold,
        int frames,
        @JsonProperty("frames_read") int framesRead,
        int faces,
        @JsonProperty("no_face") boolean noFace,
        String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FrameScore> detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> explanation) {

    /** Copies the explanation's paths. */
    public ScanResult {
        explanation = explanation == null ? null : List.copyOf(explanation);
    }

    /** Returns this result with the overlays' paths. */
    public ScanResult withExplanation(List<String> paths) {
        return new ScanResult(
                path,
                kind,
                size,
                mtime,
                modelId,
                pFake,
                label,
                threshold,
                frames,
                framesRead,
                faces,
                noFace,
                error,
                detail,
                paths);
    }

    /** What decides whether a file was already scanned: path, size, mtime and model id. */
    public record Key(String path, long size, String mtime, String modelId) {}

    public Key key() {
        return new Key(path, size, mtime, modelId);
    }

    /** True if the file could not be scanned. */
    public boolean failed() {
        return error != null;
    }

    /**
     * One frame (an image is frame 0).
     *
     * @param index the frame index
     * @param time seconds from the stream's start
     * @param pFake the frame's score (the most-fake face), null when not scored
     * @param wholeFrame true when the whole frame was scored (faces off, or no face and {@code
     *     --no-face whole})
     * @param faces the faces found, with their own scores
     */
    @JsonPropertyOrder({"index", "time", "p_fake", "whole_frame", "faces"})
    public record FrameScore(
            int index,
            double time,
            @JsonProperty("p_fake") Double pFake,
            @JsonProperty("whole_frame") boolean wholeFrame,
            List<FaceScore> faces) {}

    /**
     * One face of a frame.
     *
     * @param box x, y, width, height in the frame's pixels (rounded to 0.1 px)
     * @param score the face detector's confidence
     * @param pFake the classifier's score of the face crop
     */
    @JsonPropertyOrder({"box", "score", "p_fake"})
    public record FaceScore(double[] box, double score, @JsonProperty("p_fake") double pFake) {}
}
