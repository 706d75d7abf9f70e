/** Low-rank factorization of linear layers by truncated SVD (EJML). */
package org.deepfakeedge.compress.lowrank;
