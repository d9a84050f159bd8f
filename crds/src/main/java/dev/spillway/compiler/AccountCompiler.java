package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.Budget;
import dev.spillway.api.v1alpha1.HealthCheck;
import dev.spillway.api.v1alpha1.ProviderAccountSpec;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.HealthProbe;
import dev.spillway.config.SecretRef;
import dev.spillway.config.SimulationConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** ProviderAccount → {@link AccountConfig}. */
final class AccountCompiler {
  static final String ANTHROPIC_DEFAULT_API_VERSION = "2023-06-01";
  private static final List<String> ON_EXHAUSTED = List.of("deprioritize", "block");
  /** Headers that carry API keys: a key written here would end up in the config in clear text. */
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key");
  private static final String PROVIDERS =
      Arrays.stream(ProviderKind.values()).map(ProviderKind::wireName).collect(Collectors.joining(", "));

  private final SecretCatalog secrets;

  AccountCompiler(SecretCatalog secrets) {
    this.secrets = secrets;
  }

  /** The compiled account, or null when it is too broken to build (problems are reported). */
  AccountConfig compile(String name, ProviderAccountSpec spec, FieldChecker check) {
    if (!check.require("spec", spec, "a ProviderAccount needs a spec with at least a provider")) {
      return null;
    }
    if (!check.require("spec.provider", spec.provider, "one of " + PROVIDERS)) {
      return null;
    }
    ProviderKind provider = spec.provider;
    return new AccountConfig(
        name,
        provider,
        BaseUrls.resolve(name, provider, region(provider, spec.region, check), spec.baseUrl, check),
        credentials(provider, spec.credentialsSecretRef, check),
        spec.region,
        apiVersion(spec, check),
        azureDeployments(spec, check),
        headers(spec.headers, check),
        TimeoutCompiler.account(spec.timeouts, check),
        Quotas.limits("spec.limits", spec.limits, check),
        budget(spec.budget, check),
        healthCheck(spec.healthCheck, check),
        simulation(provider, spec, check));
  }

  private static String region(ProviderKind provider, String region, FieldChecker check) {
    if (provider.requiresRegion()) {
      check.require("spec.region", region, "the " + provider.wireName() + " region, e.g. "
          + (provider == ProviderKind.VERTEX ? "us-central1 or global" : "us-east-1"));
    }
    return region;
  }

  private SecretRef credentials(ProviderKind provider, SecretKeyRef ref, FieldChecker check) {
    String field = "spec.credentialsSecretRef";
    if (ref == null) {
      if (provider.requiresCredentials()) {
        check.report(field, "is required for provider " + provider.wireName()
            + ": name the Secret and key holding the API key");
      }
      return null;
    }
    return SecretRefs.resolve(field, ref, "the API key", secrets, check);
  }

  private static String apiVersion(ProviderAccountSpec spec, FieldChecker check) {
    if (Boolean.TRUE.equals(spec.azureDeployments) && spec.apiVersion == null) {
      check.report("spec.apiVersion", "is required with azureDeployments: true, e.g. 2024-10-21");
    }
    if (spec.apiVersion == null && spec.provider == ProviderKind.ANTHROPIC) {
      return ANTHROPIC_DEFAULT_API_VERSION;
    }
    return spec.apiVersion;
  }

  private static boolean azureDeployments(ProviderAccountSpec spec, FieldChecker check) {
    boolean azure = Boolean.TRUE.equals(spec.azureDeployments);
    if (azure && spec.provider != ProviderKind.OPENAI && spec.provider != ProviderKind.OPENAI_COMPATIBLE) {
      check.report("spec.azureDeployments",
          "is only allowed with provider openai or openai-compatible, got " + spec.provider.wireName());
    }
    return azure;
  }

  private static Map<String, String> headers(Map<String, String> headers, FieldChecker check) {
    Map<String, String> result = new TreeMap<>();
    if (headers == null) {
      return result;
    }
    headers.forEach((header, value) -> {
      String field = "spec.headers." + header;
      if (CREDENTIAL_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
        check.report(field, "header \"" + header + "\" carries credentials: put the key in a Secret"
            + " and reference it with spec.credentialsSecretRef");
      } else if (value == null) {
        check.report(field, "needs a value");
      } else {
        result.put(header, value);
      }
    });
    return result;
  }

  private static BudgetConfig budget(Budget budget, FieldChecker check) {
    return budget == null ? null : Quotas.budget("spec.budget", budget.amountUsd, budget.period,
        budget.alertAtPercent, budget.onExhausted, ON_EXHAUSTED, "deprioritize", check);
  }

  private static HealthCheckConfig healthCheck(HealthCheck health, FieldChecker check) {
    if (health == null) {
      return HealthCheckConfig.DISABLED;
    }
    HealthCheckConfig defaults = HealthCheckConfig.DISABLED;
    return new HealthCheckConfig(
        check.duration("spec.healthCheck.interval", health.interval, defaults.intervalMs()),
        check.duration("spec.healthCheck.timeout", health.timeout, defaults.timeoutMs()),
        HealthProbe.fromWire(check.oneOf("spec.healthCheck.probe", health.probe, HealthProbe.wireNames(),
            defaults.probe().wireName())).orElse(defaults.probe()));
  }

  private static SimulationConfig simulation(
      ProviderKind provider, ProviderAccountSpec spec, FieldChecker check) {
    if (provider != ProviderKind.SIMULATED) {
      if (spec.simulation != null) {
        check.report("spec.simulation",
            "is only allowed with provider simulated, got " + provider.wireName());
      }
      return null;
    }
    return SimulationCompiler.compile(spec.simulation, check);
  }
}
