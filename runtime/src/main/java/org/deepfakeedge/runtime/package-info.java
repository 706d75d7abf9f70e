/**
 * Running models: the {@link org.deepfakeedge.runtime.Detector} API for applications and the
 * scoring path shared by evaluation, prediction and validation.
 */
package org.deepfakeedge.runtime;
