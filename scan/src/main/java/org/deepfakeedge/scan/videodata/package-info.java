/**
 * Video data sets: recognising the folder layouts of FaceForensics++, Celeb-DF v2, DFDC and plain
 * {@code real/}/{@code fake/} folders of videos ({@link VideoLayouts}), splitting them by video and
 * source identity ({@link VideoSplitter}), and turning them into face-crop images with a manifest
 * the data loader reads ({@link FaceExtraction}). Layout parsing reads file names and JSON/text
 * lists only; videos are decoded by the extraction alone. In {@code scan} because that is the
 * module that already holds the video decoder and the face detector together, off picocli and DJL.
 */
package org.deepfakeedge.scan.videodata;
