package org.deepfakeedge.cli;

import org.deepfakeedge.eval.UnsureBand;
import picocli.CommandLine.Option;

/** The {@code --unsure LOW,HIGH} abstain band of the commands that label images. */
final class UnsureMixin {
    @Option(
            names = "--unsure",
            paramLabel = "LOW,HIGH",
            description = {
                "Abstain band: an image with LOW <= p_fake < HIGH is labelled unsure instead of real/fake.",
                "Needs 0 <= LOW <= threshold <= HIGH <= 1 (the model's threshold), so no decided image changes verdict;"
                        + " most meaningful on a calibrated model (deepfake-edge calibrate). E.g. --unsure 0.3,0.7"
            })
    String unsure;

    /** Returns the parsed band, or null without {@code --unsure}. */
    UnsureBand band() {
        return unsure == null ? null : UnsureBand.parse(unsure);
    }
}
