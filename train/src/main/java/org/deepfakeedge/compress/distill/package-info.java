/** Knowledge distillation: a frozen teacher's softened outputs train a smaller student. */
package org.deepfakeedge.compress.distill;
