package dev.spillway.proxy.routing;

import dev.spillway.config.ModelConfig;
import dev.spillway.config.TargetConfig;

/** A target that may serve a request, with the logical model it belongs to (for its defaults). */
public record Candidate(ModelConfig model, TargetConfig target) {
  public String id() {
    return target.id();
  }
}
