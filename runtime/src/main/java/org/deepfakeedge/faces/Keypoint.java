package org.deepfakeedge.faces;

/**
 * A point in the same continuous pixel coordinates as {@link Box}.
 *
 * @param x x, growing to the right
 * @param y y, growing downwards
 */
public record Keypoint(double x, double y) {}
