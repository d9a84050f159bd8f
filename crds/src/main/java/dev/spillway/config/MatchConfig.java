package dev.spillway.config;

import java.util.List;
import java.util.Map;

/**
 * What a request must look like for a policy to apply. Empty lists and a null streaming flag match
 * anything; header names are lower case.
 */
public record MatchConfig(
    List<String> stepTypes,
    List<String> purposes,
    List<String> models,
    Map<String, String> headers,
    Boolean streaming) {

  public static final MatchConfig ANY = new MatchConfig(null, null, null, null, null);

  public MatchConfig {
    stepTypes = Immutables.list(stepTypes);
    purposes = Immutables.list(purposes);
    models = Immutables.list(models);
    headers = Immutables.sortedMap(headers);
  }
}
