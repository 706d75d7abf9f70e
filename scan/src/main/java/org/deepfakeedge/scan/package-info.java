/**
 * Scanning files with a DeepFake detector: images, videos, folders and CSV lists in, one result
 * line per file out ({@link org.deepfakeedge.scan.ScanJob}, {@link
 * org.deepfakeedge.scan.FileScanner}, {@link org.deepfakeedge.scan.ScanOutput}). On the runtime and
 * video modules only, so that a batch job can reuse it; see {@code docs/scan.md}.
 */
package org.deepfakeedge.scan;
