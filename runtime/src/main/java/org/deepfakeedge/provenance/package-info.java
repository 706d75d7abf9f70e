/**
 * Provenance: what produced an artifact or a number (tool version and commit, environment, data
 * fingerprint, seeds, options), and the project's JSON conventions.
 */
package org.deepfakeedge.provenance;
