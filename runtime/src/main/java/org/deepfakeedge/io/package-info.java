/** File writing every other package shares: atomic replacement of result files and artifacts. */
package org.deepfakeedge.io;
