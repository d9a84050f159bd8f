package dev.spillway.proxy.routing;

import dev.spillway.config.CallerFallbacksConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.http.ApiError;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a request's own fallbacks into its route, within what the matched policy allows: after the
 * primary model, before the policy's own fallbacks (which {@link RoutingMode#STRICT} drops).
 */
final class CallerFallbacks {
  private CallerFallbacks() {}

  static List<ModelConfig> apply(RouterConfig config, PolicyConfig policy, CallerRoute caller, List<ModelConfig> route) {
    if (!caller.named()) {
      return route;
    }
    CallerFallbacksConfig limits = policy.callerFallbacksOrDefaults();
    if (!limits.allowed()) {
      throw ApiError.of(400, "invalid_request_error", "fallbacks_not_allowed", CallerRoute.FALLBACKS_FIELD,
          "Policy '" + policy.name() + "' does not allow a request to name its own fallbacks"
              + " (spec.callerFallbacks.allow is false)");
    }
    List<ModelConfig> named = new ArrayList<>();
    for (String name : caller.fallbacks()) {
      ModelConfig model = config.model(name).orElseThrow(() -> ApiError.of(400, "invalid_request_error",
          "model_not_found", CallerRoute.FALLBACKS_FIELD, "The fallback model '" + name + "' does not exist"));
      if (!limits.permits(name)) {
        throw ApiError.of(400, "invalid_request_error", "fallback_not_allowed", CallerRoute.FALLBACKS_FIELD,
            "Policy '" + policy.name() + "' does not allow '" + name + "' as a fallback; allowed: "
                + String.join(", ", limits.models()));
      }
      named.add(model);
    }
    List<ModelConfig> combined = new ArrayList<>();
    if (!route.isEmpty()) {
      combined.add(route.get(0));
    }
    combined.addAll(named);
    if (caller.mode() == RoutingMode.FALLBACK && route.size() > 1) {
      combined.addAll(route.subList(1, route.size()));
    }
    return combined;
  }
}
