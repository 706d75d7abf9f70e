package org.deepfakeedge.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Runs work with some SQL settings changed for its duration, then puts the session's own values
 * back (or unsets them), so that a job embedded in a user's session leaves it as it found it.
 */
final class SessionSettings {
    /** SQL setting: partitions of a shuffle (joins, aggregations, sorts). */
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    private SessionSettings() {}

    /**
     * Runs {@code work} with {@code settings} in force.
     *
     * @param spark the session
     * @param settings keys and the values to hold while {@code work} runs
     * @param work what to run
     * @param <T> its result
     * @return what {@code work} returned
     */
    static <T> T with(SparkSession spark, Map<String, String> settings, Supplier<T> work) {
        Map<String, String> before = new LinkedHashMap<>();
        settings.forEach(
                (k, v) -> {
                    before.put(k, spark.conf().get(k, null));
                    spark.conf().set(k, v);
                });
        try {
            return work.get();
        } finally {
            before.forEach(
                    (k, v) -> {
                        if (v == null) {
                            spark.conf().unset(k);
                        } else {
                            spark.conf().set(k, v);
                        }
                    });
        }
    }

    /**
     * Shuffle partitions for a job over {@code rows} rows: two per core, more only when a partition
     * would pass {@code rowsPerPartition}. Spark's default of 200 is kept by cached (persisted)
     * plans, where adaptive execution does not coalesce partitions, and 200 tasks of a few rows
     * each cost seconds per shuffle on a small machine.
     */
    static String shufflePartitions(SparkSession spark, long rows, long rowsPerPartition) {
        long cores = Math.max(1, spark.sparkContext().defaultParallelism());
        return Long.toString(Math.max(2 * cores, (rows + rowsPerPartition - 1) / rowsPerPartition));
    }
}
