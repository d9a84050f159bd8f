package dev.spillway.config;

import dev.spillway.api.v1alpha1.ProviderKind;
import java.util.Map;

/**
 * A provider account with defaults applied.
 *
 * @param baseUrl resolved base URL without a trailing slash (the provider's public one by default)
 * @param credentials where the API key lives, or null when the account needs none
 * @param apiVersion anthropic-version header, or Azure api-version; null when not applicable
 * @param azureDeployments use Azure deployment paths and the api-key header
 * @param headers extra non-secret headers
 * @param limits null when the account has no limits
 * @param budget null when the account has no budget
 * @param simulation set only for simulated accounts
 */
public record AccountConfig(
    String name,
    ProviderKind provider,
    String baseUrl,
    SecretRef credentials,
    String region,
    String apiVersion,
    boolean azureDeployments,
    Map<String, String> headers,
    TimeoutConfig timeouts,
    LimitsConfig limits,
    BudgetConfig budget,
    HealthCheckConfig healthCheck,
    SimulationConfig simulation) {

  public AccountConfig {
    headers = Immutables.sortedMap(headers);
  }
}
