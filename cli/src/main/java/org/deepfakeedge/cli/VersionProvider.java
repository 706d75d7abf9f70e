package org.deepfakeedge.cli;

import org.deepfakeedge.provenance.ToolInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints the tool version and git commit. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        ToolInfo t = ToolInfo.current();
        return new String[] {
            "deepfake-edge " + t.version() + " (commit " + t.commit() + ")",
            "Java "
                    + System.getProperty("java.version")
                    + ", "
                    + System.getProperty("os.name")
                    + " "
                    + System.getProperty("os.arch")
        };
    }
}
