/**
 * Compression methods of the paper, each a transformation of (spec, weights): pruning, knowledge
 * distillation, quantization and low-rank factorization.
 */
package org.deepfakeedge.compress;
