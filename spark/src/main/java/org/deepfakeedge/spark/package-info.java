/**
 * Scanning images and videos on Apache Spark: {@link org.deepfakeedge.spark.SparkScan} lists the
 * inputs in tasks ({@link org.deepfakeedge.spark.FileListing}), scores each file inside a task with
 * the scan module's {@link org.deepfakeedge.scan.FileScanner} (so a file gets the score
 * single-machine {@code scan} gives it) over one ONNX Runtime session per executor JVM ({@link
 * org.deepfakeedge.spark.ExecutorScanners}), and appends one Parquet row per file to the output; a
 * rerun skips the files the output already holds for the same model. Spark is provided by the
 * cluster; nothing here loads DJL or libtorch.
 */
package org.deepfakeedge.spark;
