package dev.spillway.proxy.routing;

import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import java.util.List;
import java.util.Map;

/** Picks the policy for a request: the first match in priority order, else the default. */
public final class PolicyMatcher {
  private PolicyMatcher() {}

  public static PolicyConfig match(RouterConfig config, RequestFacts facts) {
    return match(config, facts, null);
  }

  /** @param consumer who the call is from; null when anonymous (matches no consumer list) */
  public static PolicyConfig match(RouterConfig config, RequestFacts facts, String consumer) {
    for (PolicyConfig policy : config.policies()) {
      if (matches(policy.match(), facts, consumer)) {
        return policy;
      }
    }
    return config.defaultPolicy();
  }

  static boolean matches(MatchConfig match, RequestFacts facts) {
    return matches(match, facts, null);
  }

  static boolean matches(MatchConfig match, RequestFacts facts, String consumer) {
    if (match == null) {
      return true;
    }
    return anyOf(match.consumers(), consumer)
        && anyOf(match.stepTypes(), facts.stepType())
        && anyOf(match.purposes(), facts.purpose())
        && anyOf(match.models(), facts.model())
        && (match.streaming() == null || match.streaming() == facts.stream())
        && headersMatch(match.headers(), facts.headers());
  }

  private static boolean anyOf(List<String> allowed, String value) {
    return allowed.isEmpty() || (value != null && allowed.contains(value));
  }

  private static boolean headersMatch(Map<String, String> wanted, Map<String, String> actual) {
    // A loop, not a stream: every policy's match runs for every request.
    for (Map.Entry<String, String> header : wanted.entrySet()) {
      if (!header.getValue().equals(actual.get(header.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
