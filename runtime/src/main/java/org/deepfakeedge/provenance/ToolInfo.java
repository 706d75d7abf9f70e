package org.deepfakeedge.provenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build that produced a file: tool name, version and git commit.
 *
 * <p>JSON: {@code {name, version, git_commit}}, as in every {@code model.json} since the first
 * release.
 *
 * @param name {@code deepfake-edge}
 * @param version the jar's implementation version, {@code dev} outside a built jar
 * @param commit the git commit the jar was built from, {@code -dirty} appended for uncommitted
 *     changes, {@code unknown} outside a git checkout
 */
public record ToolInfo(String name, String version, @JsonProperty("git_commit") String commit) {

    /** Returns this build's facts. */
    public static ToolInfo current() {
        String v = ToolInfo.class.getPackage().getImplementationVersion();
        Properties p = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream("/deepfake-edge-git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown commit is acceptable
        }
        String commit = p.getProperty("git.commit.id", "unknown");
        if ("true".equals(p.getProperty("git.dirty"))) {
            commit += "-dirty";
        }
        return new ToolInfo("deepfake-edge", v != null ? v : "dev", commit);
    }
}
