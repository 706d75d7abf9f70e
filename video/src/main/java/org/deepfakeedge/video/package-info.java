/** Video decoding and frame sampling. */
package org.deepfakeedge.video;
