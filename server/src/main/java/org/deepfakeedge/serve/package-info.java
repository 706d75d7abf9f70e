/**
 * The detection service: HTTP/JSON on Javalin, requests micro-batched into one detector ({@link
 * org.deepfakeedge.serve.DetectionServer}), heatmap explanations kept off the detection path, a web
 * page shipped in the jar, API keys, Prometheus metrics, bounded queues that answer 429, and a
 * draining shutdown. Depends on the runtime module only.
 */
package org.deepfakeedge.serve;
