/**
 * Training: settings ({@link org.deepfakeedge.train.TrainSpec}), what to train ({@link
 * org.deepfakeedge.train.TrainingPlan}), the loop with validation, checkpoints and resume ({@link
 * org.deepfakeedge.train.DetectorTrainer}) and our optimizer.
 */
package org.deepfakeedge.train;
