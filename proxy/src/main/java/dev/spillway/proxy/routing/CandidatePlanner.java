package dev.spillway.proxy.routing;

import dev.spillway.config.CapabilitySet;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.http.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a matched policy into the ordered candidates of one request: the policy's route (or the
 * requested model's chain) with the request's own fallbacks put in, each model's targets in order,
 * minus those that cannot serve what the request needs.
 */
public final class CandidatePlanner {
  static final String CONTEXT_WINDOW = "context window";
  static final String ENDPOINT = "endpoint";

  private CandidatePlanner() {}

  public static Plan plan(RouterConfig config, PolicyConfig policy, RequestFacts facts) {
    List<ModelConfig> route = CallerFallbacks.apply(config, policy, facts.caller(), route(config, policy, facts));
    List<Candidate> candidates = new ArrayList<>();
    List<Skip> skipped = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    int capabilitySkips = 0;
    for (ModelConfig model : route) {
      for (TargetConfig target : model.targets()) {
        if (!seen.add(target.id())) {
          continue;
        }
        String lacks = missingCapability(target.capabilities(), facts);
        if (lacks != null) {
          missing.add(lacks);
          capabilitySkips++;
          skipped.add(new Skip(target.id(), switch (lacks) {
            case CONTEXT_WINDOW ->
                "context window " + target.capabilities().contextWindow() + " < ~" + facts.promptTokenEstimate() + " tokens";
            case ENDPOINT -> "does not serve " + facts.endpoint().path() + " (capabilities.endpoints)";
            default -> "does not support " + lacks;
          }));
        } else if (!policy.regionsOrDefaults().allows(region(config, target))) {
          // Residency: never tried, even when nothing allowed is left (the call fails instead).
          skipped.add(new Skip(target.id(), "region " + Objects.requireNonNullElse(region(config, target),
              "(none: the account names no region)") + " is not in policy '" + policy.name()
              + "' regions.allow " + policy.regionsOrDefaults().allow()));
        } else if (policy.minTier() > 0 && target.tier() > policy.minTier()) {
          skipped.add(Skip.stakes(target.id(), "tier " + target.tier() + " is below the policy's floor "
              + policy.minTier() + " (policy '" + policy.name() + "' minTier)"));
        } else {
          candidates.add(new Candidate(model, target));
        }
      }
    }
    // Only when every target lacked something the request asks for is it the client's problem.
    if (candidates.isEmpty() && !missing.isEmpty() && capabilitySkips == skipped.size()) {
      throw unsupported(facts, missing);
    }
    Integer depth = policy.maxFallbackDepth();
    int maxAttempts = depth == null ? Integer.MAX_VALUE : 1 + Math.max(0, depth);
    return new Plan(policy, candidates, skipped, maxAttempts, null, facts.caller());
  }

  /** The region of the target's account, or null when it names none. */
  public static String region(RouterConfig config, TargetConfig target) {
    AccountConfig account = config.account(target.account());
    return account == null ? null : account.region();
  }

  private static List<ModelConfig> route(RouterConfig config, PolicyConfig policy, RequestFacts facts) {
    List<String> names = policy.route();
    if (names.isEmpty()) {
      ModelConfig requested =
          config
              .model(facts.model())
              .orElseThrow(
                  () ->
                      ApiError.of(
                          404,
                          "invalid_request_error",
                          "model_not_found",
                          "model",
                          "The model '" + facts.model() + "' does not exist"));
      names = requested.chain().isEmpty() ? List.of(requested.name()) : requested.chain();
    }
    List<ModelConfig> models = new ArrayList<>();
    for (String name : names) {
      config.model(name).ifPresent(models::add);
    }
    return models;
  }

  /** The first capability the request needs that the target lacks, or null. */
  static String missingCapability(CapabilitySet caps, RequestFacts facts) {
    if (caps == null) {
      caps = CapabilitySet.DEFAULTS;
    }
    if (!caps.endpoints().contains(facts.endpoint())) {
      return ENDPOINT;
    }
    if (facts.stream() && !caps.streaming()) {
      return "streaming";
    }
    if (facts.tools() && !caps.tools()) {
      return "tools";
    }
    if (facts.vision() && !caps.vision()) {
      return "vision";
    }
    if (facts.jsonMode() && !caps.jsonMode()) {
      return "json mode";
    }
    if (facts.structuredOutputs() && !caps.structuredOutputs()) {
      return "structured outputs";
    }
    if (facts.reasoning() && !caps.reasoning()) {
      return "reasoning";
    }
    if (facts.promptTokenEstimate() > caps.contextWindow()) {
      return CONTEXT_WINDOW;
    }
    return null;
  }

  private static ApiError unsupported(RequestFacts facts, Set<String> missing) {
    if (missing.equals(Set.of(ENDPOINT))) {
      // OpenAI answers a model at the wrong endpoint with a 404 naming both; so does Spillway.
      return ApiError.of(
          404,
          "invalid_request_error",
          "model_not_supported_on_endpoint",
          "model",
          "The model '" + facts.model() + "' is not served at " + facts.endpoint().path()
              + ": none of its targets lists " + facts.endpoint().wireName() + " in capabilities.endpoints");
    }
    missing = new LinkedHashSet<>(missing);
    // Targets at other endpoints are not what this request lacked: what the rest lacked is.
    missing.remove(ENDPOINT);
    String needs = String.join(", ", missing);
    if (missing.equals(Set.of(CONTEXT_WINDOW))) {
      return ApiError.of(
          400,
          "invalid_request_error",
          "context_length_exceeded",
          "messages",
          "No target of model '" + facts.model() + "' has a context window for ~"
              + facts.promptTokenEstimate() + " tokens");
    }
    return ApiError.of(
        400,
        "invalid_request_error",
        "capability_not_supported",
        missing.iterator().next().replace(' ', '_'),
        "No target of model '" + facts.model() + "' supports what this request needs: " + needs);
  }
}
