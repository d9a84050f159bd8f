package dev.spillway.proxy.failover;

import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.routing.Candidate;

/** One upstream call about to be made: the candidate, its account's adapter, the shaped call. */
public record Attempt(Candidate candidate, ProviderAdapter adapter, ProviderCall call) {
  public String targetId() {
    return candidate.id();
  }
}
