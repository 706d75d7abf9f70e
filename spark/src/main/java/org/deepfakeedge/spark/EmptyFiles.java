package org.deepfakeedge.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Finds the zero-byte files under an input URI, which Spark's file sources never hand to a task.
 *
 * <p>Spark plans a file scan by byte ranges and drops every file of length 0 while planning ({@code
 * FileSourceScanExec} filters {@code getLen > 0}), so {@code binaryFile} gives an empty upload no
 * row, where single-machine {@code scan} reports it as an error. This lists the input a second time
 * on the driver with Hadoop's streaming recursive listing and keeps only the empty files, so driver
 * memory grows with the empty files alone. Names that Spark's listing hides (starting with {@code
 * _} or {@code .}) are skipped here too.
 */
final class EmptyFiles {
    private EmptyFiles() {}

    /**
     * Lists the empty files under {@code input} whose names pass {@code wanted}.
     *
     * @param conf the Hadoop settings to reach the file system
     * @param input a folder, file or glob URI
     * @param wanted which file names to keep (the scan's image and video extensions)
     * @return rows of (path, length 0, modification time), in listing order
     */
    static List<Row> under(Configuration conf, String input, Predicate<String> wanted) {
        List<Row> rows = new ArrayList<>();
        try {
            Path pattern = new Path(input);
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] roots = fs.globStatus(pattern);
            if (roots == null) {
                return rows;
            }
            for (FileStatus root : roots) {
                if (!root.isDirectory()) {
                    keep(root, wanted, rows);
                    continue;
                }
                int depth = root.getPath().depth();
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(root.getPath(), true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    if (!hidden(f.getPath(), depth)) {
                        keep(f, wanted, rows);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static void keep(FileStatus f, Predicate<String> wanted, List<Row> rows) {
        if (f.isFile() && f.getLen() == 0 && wanted.test(f.getPath().getName())) {
            rows.add(
                    RowFactory.create(
                            f.getPath().toString(), 0L, new Timestamp(f.getModificationTime())));
        }
    }

    /** A file or any folder below the root whose name starts with {@code _} or {@code .}. */
    private static boolean hidden(Path p, int rootDepth) {
        for (Path q = p; q != null && q.depth() > rootDepth; q = q.getParent()) {
            String name = q.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
