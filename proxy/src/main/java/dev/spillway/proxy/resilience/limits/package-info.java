/**
 * Per-account requests-per-minute and tokens-per-minute limits (Bucket4j). A target without
 * headroom is skipped so the call goes elsewhere; only when none has headroom does the client get a
 * 429 with Retry-After.
 */
package dev.spillway.proxy.resilience.limits;
