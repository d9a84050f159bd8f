/**
 * Evaluations: runs an EvalSet against a rollout's incumbent and candidate, grades both sides,
 * says why their answers differ (a wrong answer, or only a format/harness mismatch) and applies the
 * rollout's gate. The same runner serves the offline gate ({@code spillway-proxy eval}) and the
 * proxies' admin endpoint, so CI and the cluster judge a candidate identically.
 */
package dev.spillway.proxy.eval;
