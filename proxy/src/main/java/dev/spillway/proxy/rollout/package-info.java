/**
 * The proxy's side of a ModelRollout in shadow or canary: which calls the candidate gets (a canary's
 * share; none once rolled back), mirroring a share of served calls to it in shadow (answers
 * discarded), candidate-vs-incumbent statistics on the same traffic, and the guards that roll the
 * candidate back the moment they are breached — here, on the request path, not at the operator's
 * next reconcile. The operator reads each replica's verdict from {@code GET /v1/spillway/rollouts}.
 */
package dev.spillway.proxy.rollout;
