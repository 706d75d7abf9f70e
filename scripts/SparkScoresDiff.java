import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import static org.apache.spark.sql.functions.*;

/**
 * Compares the p_fake of a Spark scan's Parquet output with a single-machine scan's JSON Lines on
 * the same files (joined on the absolute path), for scripts/spark-bench.sh. Prints one JSON line:
 * files in each, files in both, files whose p_fake is missing on one side only, max |delta p_fake|.
 *
 *   java -cp 'spark/target/deepfake-edge-spark.jar:spark/target/lib/*:spark/target/lib-spark/*' \
 *       --add-opens=... scripts/SparkScoresDiff.java SPARK_OUTPUT SCAN.jsonl
 */
public class SparkScoresDiff {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("scores-diff")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        // Spark writes file: URIs; scan writes the path as given (absolute here)
        Dataset<Row> sparkRows = spark.read().parquet(args[0])
                .select(regexp_replace(col("path"), "^file:(//)?", "").as("path"), col("p_fake").as("p_spark"));
        Dataset<Row> scanRows = spark.read().json(Path.of(args[1]).toAbsolutePath().toString())
                .select(col("path"), col("p_fake").cast("double").as("p_scan"));
        Dataset<Row> both = sparkRows.join(scanRows, "path");
        Row r = both.agg(
                        count(lit(1)),
                        sum(when(col("p_spark").isNull().notEqual(col("p_scan").isNull()), 1).otherwise(0)),
                        max(abs(col("p_spark").minus(col("p_scan")))))
                .first();
        System.out.printf(
                "{\"spark_rows\": %d, \"scan_rows\": %d, \"joined\": %d, \"p_fake_on_one_side_only\": %d, \"max_abs_delta_p_fake\": %s}%n",
                sparkRows.count(), scanRows.count(), r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1),
                r.isNullAt(2) ? "null" : Double.toString(r.getDouble(2)));
        spark.stop();
    }
}
