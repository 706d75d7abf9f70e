package org.deepfakeedge.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: {@code local[2]}, as the issue asks, without the UI and with quiet logs. */
final class LocalSpark {
    private LocalSpark() {}

    /** A session named {@code app}; the shuffle partitions given, or Spark's own when 0. */
    static SparkSession start(String app, int shufflePartitions) {
        SparkSession.Builder b =
                SparkSession.builder()
                        .master("local[2]")
                        .appName(app)
                        .config("spark.ui.enabled", "false");
        if (shufflePartitions > 0) {
            b.config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        }
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
