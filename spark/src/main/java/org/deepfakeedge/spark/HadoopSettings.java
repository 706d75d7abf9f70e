package org.deepfakeedge.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The driver's Hadoop settings as a plain map, which travels to the tasks ({@link Configuration} is
 * not serializable), and back into a configuration there: a task then reaches every file system the
 * driver can.
 */
final class HadoopSettings {
    private HadoopSettings() {}

    /** The session's Hadoop settings, copied. */
    static Map<String, String> of(SparkSession spark) {
        Map<String, String> m = new HashMap<>();
        spark.sparkContext().hadoopConfiguration().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** A configuration holding exactly {@code settings} (no defaults loaded). */
    static Configuration configuration(Map<String, String> settings) {
        Configuration conf = new Configuration(false);
        settings.forEach(conf::set);
        return conf;
    }
}
