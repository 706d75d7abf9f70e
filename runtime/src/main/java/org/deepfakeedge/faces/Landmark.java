package org.deepfakeedge.faces;

/**
 * The six keypoints BlazeFace predicts, in the model's output order (MediaPipe's). Right and left
 * are the person's own: on a frontal face the right eye is the one on the image's left.
 */
public enum Landmark {
    /** The person's right eye. */
    RIGHT_EYE,
    /** The person's left eye. */
    LEFT_EYE,
    /** The tip of the nose. */
    NOSE_TIP,
    /** The centre of the mouth. */
    MOUTH_CENTER,
    /** The person's right ear (tragion). */
    RIGHT_EAR,
    /** The person's left ear (tragion). */
    LEFT_EAR
}
