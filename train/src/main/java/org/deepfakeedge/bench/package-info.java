/**
 * Latency benchmarks of model artifacts on both runtimes (DJL and ONNX Runtime, fp32 and INT8),
 * with the machine they ran on.
 */
package org.deepfakeedge.bench;
