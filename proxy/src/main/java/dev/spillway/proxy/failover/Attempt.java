package dev.spillway.proxy.failover;

import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.routing.Candidate;

/**
 * One upstream call about to be made: the candidate, its account's adapter, the shaped call.
 *
 * @param startedNanos {@link System#nanoTime()} when it was handed out, for its latency
 */
public record Attempt(Candidate candidate, ProviderAdapter adapter, ProviderCall call, long startedNanos) {

  public Attempt(Candidate candidate, ProviderAdapter adapter, ProviderCall call) {
    this(candidate, adapter, call, System.nanoTime());
  }

  public String targetId() {
    return candidate.id();
  }

  public long elapsedNanos() {
    return System.nanoTime() - startedNanos;
  }
}
