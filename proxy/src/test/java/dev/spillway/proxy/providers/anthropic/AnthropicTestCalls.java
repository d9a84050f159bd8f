package dev.spillway.proxy.providers.anthropic;

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

/** A real adapter context (small thread pools, fixed clock) and calls to one loopback account. */
final class AnthropicTestCalls implements AutoCloseable {
  static final String API_KEY = "sk-ant-api03-Secr3tKeyThatMustNeverLeak0123456789";
  static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");

  final ObjectMapper mapper = new ObjectMapper();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  final ProviderContext context =
      new ProviderContext(mapper, scheduler, executor, Clock.fixed(NOW, ZoneOffset.UTC));
  final AccountConfig account;
  private final TargetConfig target;

  AnthropicTestCalls(String baseUrl) {
    account =
        new AccountConfig(
            "claude-main",
            ProviderKind.ANTHROPIC,
            baseUrl,
            new SecretRef("anthropic", "api-key"),
            null,
            "2023-06-01",
            false,
            Map.of("anthropic-beta", "prompt-caching-2024-07-31"),
            TimeoutConfig.DEFAULTS,
            null,
            null,
            HealthCheckConfig.DISABLED,
            null);
    target =
        new TargetConfig(
            TargetConfig.idOf("claude-main", "claude-sonnet-4-5"),
            "claude-main",
            "claude-sonnet-4-5",
            0,
            1,
            CapabilitySet.DEFAULTS,
            PricingConfig.FREE);
  }

  AnthropicAdapter adapter() {
    return new AnthropicAdapter(account, context);
  }

  ProviderCall call(String openAiRequest) {
    return new ProviderCall(target, account, (ObjectNode) json(openAiRequest), API_KEY, TimeoutConfig.DEFAULTS);
  }

  JsonNode json(String text) {
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-message request, streaming or not. */
  ProviderCall hello(boolean stream) {
    return call(
        "{\"model\":\"claude-sonnet-4-5\",\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
  }

  @Override
  public void close() {
    executor.shutdownNow();
    scheduler.shutdownNow();
  }
}
