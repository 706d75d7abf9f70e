/** ONNX export checked against the DJL network it came from. */
package org.deepfakeedge.verify;
