package org.deepfakeedge.cli;

import java.util.Map;
import org.deepfakeedge.provenance.EnvironmentInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints the tool version and git commit. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Map<String, String> t = EnvironmentInfo.tool();
        return new String[] {
            "deepfake-edge " + t.get("version") + " (commit " + t.get("git_commit") + ")",
            "Java "
                    + System.getProperty("java.version")
                    + ", "
                    + System.getProperty("os.name")
                    + " "
                    + System.getProperty("os.arch")
        };
    }
}
