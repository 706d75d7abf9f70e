/**
 * Model artifacts on disk: the manifest ({@code model.json}), the weights file format (dense or
 * sparse tensors, SHA-256 verified) and atomic writes.
 */
package org.deepfakeedge.artifact;
