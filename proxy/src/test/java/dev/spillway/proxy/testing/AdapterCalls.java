package dev.spillway.proxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A real adapter context (small thread pools, fixed clock) and calls to one loopback account of any provider. */
public final class AdapterCalls implements AutoCloseable {
  public static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");

  public final ObjectMapper mapper = new ObjectMapper();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  public final ProviderContext context =
      new ProviderContext(mapper, scheduler, executor, Clock.fixed(NOW, ZoneOffset.UTC));
  public final AccountConfig account;
  private final TargetConfig target;
  private final String credential;

  /**
   * @param region the account's region (Vertex location, Bedrock region), or null
   * @param credential the Secret's value handed to the adapter
   */
  public AdapterCalls(ProviderKind provider, String baseUrl, String region, String model, String credential) {
    this.credential = credential;
    account = new AccountConfig(
        "acct", provider, baseUrl, new SecretRef("creds", "key"), region, null, false,
        Map.of("x-team", "search"), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
    target = new TargetConfig(
        TargetConfig.idOf("acct", model), "acct", model, 0, 1, CapabilitySet.DEFAULTS, PricingConfig.FREE);
  }

  public ProviderCall call(String openAiRequest) {
    return new ProviderCall(target, account, (ObjectNode) json(openAiRequest), credential, TimeoutConfig.DEFAULTS);
  }

  public JsonNode json(String text) {
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    scheduler.shutdownNow();
  }
}
