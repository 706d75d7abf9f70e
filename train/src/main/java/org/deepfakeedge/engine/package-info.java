/**
 * The engines: DJL/PyTorch bootstrap (the project's only static state), spec → DJL block, weight
 * transfer, and the live network used for training and inference.
 */
package org.deepfakeedge.engine;
