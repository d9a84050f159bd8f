package dev.spillway.config;

import java.util.List;
import java.util.Map;

/**
 * What a request must look like for a policy to apply. Empty lists and a null streaming flag match
 * anything; header names are lower case. {@code consumers} names authenticated consumers.
 */
public record MatchConfig(
    List<String> stepTypes,
    List<String> purposes,
    List<String> models,
    Map<String, String> headers,
    Boolean streaming,
    List<String> consumers) {

  public static final MatchConfig ANY = new MatchConfig(null, null, null, null, null, null);

  public MatchConfig {
    stepTypes = Immutables.list(stepTypes);
    purposes = Immutables.list(purposes);
    models = Immutables.list(models);
    headers = Immutables.sortedMap(headers);
    consumers = Immutables.list(consumers);
  }

  /** A match that does not look at the consumer. */
  public MatchConfig(
      List<String> stepTypes, List<String> purposes, List<String> models, Map<String, String> headers,
      Boolean streaming) {
    this(stepTypes, purposes, models, headers, streaming, null);
  }
}
