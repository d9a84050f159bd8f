package dev.spillway.proxy.testing;

import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.ClientAuthConfig;
import dev.spillway.config.ClientKeyDigest;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.ConsumerKeyConfig;
import dev.spillway.config.DefaultsConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.QualityConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds {@link RouterConfig} records directly for tests, with the defaults the compiler would
 * apply: OpenAI-compatible accounts without credentials, default capabilities and timeouts.
 */
public final class ConfigBuilder {
  private final Map<String, AccountConfig> accounts = new LinkedHashMap<>();
  private final Map<String, ModelConfig> models = new LinkedHashMap<>();
  private final List<PolicyConfig> policies = new ArrayList<>();
  private final Map<String, ConsumerConfig> consumers = new LinkedHashMap<>();
  private String version = "v1";

  /** The salt of every consumer key digest this builder makes. */
  public static final String KEY_SALT = "00112233445566778899aabbccddeeff";

  public static ConfigBuilder create() {
    return new ConfigBuilder();
  }

  public ConfigBuilder version(String version) {
    this.version = version;
    return this;
  }

  /** An OpenAI-compatible account at {@code baseUrl}/v1 with no credential. */
  public ConfigBuilder account(String name, String serverBaseUrl) {
    return account(name, serverBaseUrl, TimeoutConfig.DEFAULTS, null);
  }

  public ConfigBuilder account(String name, String serverBaseUrl, TimeoutConfig timeouts, SecretRef credentials) {
    accounts.put(name, account(name, serverBaseUrl + "/v1", timeouts, credentials, false, null, Map.of()));
    return this;
  }

  /** An OpenAI-compatible account with rate limits and a budget (either may be null). */
  public ConfigBuilder account(String name, String serverBaseUrl, LimitsConfig limits, BudgetConfig budget) {
    AccountConfig plain = account(name, serverBaseUrl + "/v1", TimeoutConfig.DEFAULTS, null, false, null, Map.of());
    return account(new AccountConfig(plain.name(), plain.provider(), plain.baseUrl(), null, null, null, false,
        Map.of(), plain.timeouts(), limits, budget, plain.healthCheck(), null));
  }

  /** Any account, e.g. of another provider kind. */
  public ConfigBuilder account(AccountConfig account) {
    accounts.put(account.name(), account);
    return this;
  }

  public static AccountConfig account(
      String name,
      String baseUrl,
      TimeoutConfig timeouts,
      SecretRef credentials,
      boolean azure,
      String apiVersion,
      Map<String, String> headers) {
    return new AccountConfig(
        name,
        azure ? ProviderKind.OPENAI : ProviderKind.OPENAI_COMPATIBLE,
        baseUrl,
        credentials,
        null,
        apiVersion,
        azure,
        headers,
        timeouts,
        null,
        null,
        HealthCheckConfig.DISABLED,
        null);
  }

  public ConfigBuilder model(String name, UnaryOperator<ModelSpec> spec) {
    ModelSpec built = spec.apply(new ModelSpec(name));
    models.put(name, built.build());
    return this;
  }

  public ConfigBuilder policy(PolicyConfig policy) {
    policies.add(policy);
    return this;
  }

  /** A consumer with one key (id {@code keys/<name>}) and nothing else restricted. */
  public ConfigBuilder consumer(String name, String key) {
    return consumer(new ConsumerConfig(name, List.of(key(name, key, null)), null, null, null, null, null));
  }

  public ConfigBuilder consumer(ConsumerConfig consumer) {
    consumers.put(consumer.name(), consumer);
    return this;
  }

  /** A consumer key as the compiler would publish it: its digest under {@link #KEY_SALT}. */
  public static ConsumerKeyConfig key(String id, String key, Long expiresAtMs) {
    return new ConsumerKeyConfig(
        "keys/" + id, ClientKeyDigest.hex(HexFormat.of().parseHex(KEY_SALT), key), expiresAtMs);
  }

  public RouterConfig build() {
    List<PolicyConfig> ordered = new ArrayList<>(policies);
    ordered.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
    return new RouterConfig(version, "test", accounts, models, ordered,
        policy(PolicyConfig.DEFAULT_NAME, 0, MatchConfig.ANY, List.of(), null),
        new ClientAuthConfig(KEY_SALT, consumers));
  }

  /** A policy with everything else at its default. */
  public static PolicyConfig policy(
      String name, int priority, MatchConfig match, List<String> route, Integer maxFallbackDepth) {
    return policy(name, priority, match, route, maxFallbackDepth, TimeoutOverrides.NONE);
  }

  public static PolicyConfig policy(
      String name, int priority, MatchConfig match, List<String> route, Integer maxFallbackDepth, TimeoutOverrides timeouts) {
    return new PolicyConfig(
        name, priority, match, route, maxFallbackDepth, 0, timeouts, null, null, null, null, null, null, null);
  }

  /** The policy with these answer checks and drift settings. */
  public static PolicyConfig withQuality(PolicyConfig p, QualityConfig quality) {
    return new PolicyConfig(
        p.name(), p.priority(), p.match(), p.route(), p.maxFallbackDepth(), p.minTier(), p.timeouts(), p.triggers(),
        p.circuitBreaker(), p.retry(), p.hedge(), p.stickiness(), p.experiment(), p.scoring(), quality);
  }

  /** The policy with this hedging (maxPercent 0: off). */
  public static PolicyConfig withHedge(PolicyConfig p, dev.spillway.config.HedgeConfig hedge) {
    return new PolicyConfig(
        p.name(), p.priority(), p.match(), p.route(), p.maxFallbackDepth(), p.minTier(), p.timeouts(), p.triggers(),
        p.circuitBreaker(), p.retry(), hedge, p.stickiness(), p.experiment(), p.scoring(), p.quality(), p.jobs(),
        p.callerFallbacks(), p.contentPolicyFallback());
  }

  /** The policy with these regions preferred and allowed. */
  public static PolicyConfig withRegions(PolicyConfig p, dev.spillway.config.RegionsConfig regions) {
    return new PolicyConfig(
        p.name(), p.priority(), p.match(), p.route(), p.maxFallbackDepth(), p.minTier(), p.timeouts(), p.triggers(),
        p.circuitBreaker(), p.retry(), p.hedge(), p.stickiness(), p.experiment(), p.scoring(), p.quality(), p.jobs(),
        p.callerFallbacks(), p.contentPolicyFallback(), regions);
  }

  /** The policy with content-policy refusals moving the call on (or answered, with false). */
  public static PolicyConfig withContentPolicyFallback(PolicyConfig p, boolean fallback) {
    return new PolicyConfig(
        p.name(), p.priority(), p.match(), p.route(), p.maxFallbackDepth(), p.minTier(), p.timeouts(), p.triggers(),
        p.circuitBreaker(), p.retry(), p.hedge(), p.stickiness(), p.experiment(), p.scoring(), p.quality(), p.jobs(),
        p.callerFallbacks(), fallback);
  }

  /** A logical model under construction. */
  public static final class ModelSpec {
    private final String name;
    private final List<TargetConfig> targets = new ArrayList<>();
    private final List<String> fallbacks = new ArrayList<>();
    private CapabilitySet capabilities = CapabilitySet.DEFAULTS;
    private DefaultsConfig defaults = DefaultsConfig.NONE;

    ModelSpec(String name) {
      this.name = name;
    }

    public ModelSpec capabilities(CapabilitySet capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    public ModelSpec defaults(DefaultsConfig defaults) {
      this.defaults = defaults;
      return this;
    }

    public ModelSpec target(String account, String model) {
      return target(account, model, capabilities);
    }

    public ModelSpec target(String account, String model, CapabilitySet targetCapabilities) {
      return target(account, model, 1, targetCapabilities, PricingConfig.FREE);
    }

    public ModelSpec target(String account, String model, PricingConfig pricing) {
      return target(account, model, 1, capabilities, pricing);
    }

    public ModelSpec target(String account, String model, int tier, CapabilitySet targetCapabilities, PricingConfig pricing) {
      targets.add(
          new TargetConfig(TargetConfig.idOf(account, model), account, model, tier, 1, targetCapabilities, pricing));
      return this;
    }

    /** Chain to these logical models after this one's targets (already expanded, as the compiler does). */
    public ModelSpec fallbackChain(String... names) {
      fallbacks.addAll(List.of(names));
      return this;
    }

    ModelConfig build() {
      List<String> chain = new ArrayList<>();
      chain.add(name);
      chain.addAll(fallbacks);
      return new ModelConfig(
          name, null, capabilities, defaults, targets, fallbacks.isEmpty() ? null : fallbacks.get(0), chain);
    }
  }
}
