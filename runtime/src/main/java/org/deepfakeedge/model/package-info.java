/**
 * Model specs: our own JSON-serialisable layer description, the paper's architecture zoo, and the
 * weights that go with a spec.
 *
 * <p>The spec is engine-independent; {@code org.deepfakeedge.engine} turns it into DJL blocks and
 * the export package into ONNX graphs.
 */
package org.deepfakeedge.model;
