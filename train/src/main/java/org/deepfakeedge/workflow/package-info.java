/**
 * Workflows: the library calls behind each CLI command (train, evaluate, predict, demo), joining
 * data, training, artifacts and evaluation. The CLI and the service are thin adapters over these.
 */
package org.deepfakeedge.workflow;
