package org.deepfakeedge.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The Jackson that the project's BOM picks is one Spark's Jackson Scala module accepts: Spark's
 * JSON paths (its plans, its UI's event log) go through that module, which refuses a databind of
 * another minor version when it is first registered.
 */
class SparkDependenciesTest {

    @Test
    void spark_runs_locally_with_the_projects_jackson() throws Exception {
        com.fasterxml.jackson.module.scala.DefaultScalaModule$ m =
                com.fasterxml.jackson.module.scala.DefaultScalaModule$.MODULE$;
        new com.fasterxml.jackson.databind.ObjectMapper().registerModule(m);
        try (SparkSession spark =
                SparkSession.builder()
                        .master("local[2]")
                        .appName("deps")
                        .config("spark.ui.enabled", "false")
                        .getOrCreate()) {
            Dataset<Row> df = spark.range(0, 1000).toDF("x");
            // toJSON goes through Spark's Jackson
            List<String> json = df.limit(2).toJSON().collectAsList();
            assertEquals(List.of("{\"x\":0}", "{\"x\":1}"), json);
            assertEquals(499500L, df.groupBy().sum("x").first().getLong(0));
        }
        assertEquals(
                PackageVersion.VERSION.getMinorVersion(),
                m.version().getMinorVersion(),
                "Jackson Scala module " + m.version() + " with databind " + PackageVersion.VERSION);
    }
}
