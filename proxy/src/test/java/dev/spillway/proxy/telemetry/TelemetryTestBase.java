package dev.spillway.proxy.telemetry;

import static org.awaitility.Awaitility.await;

import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.ProxyClient;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A proxy exporting traces to a real OTLP receiver, in front of two scriptable providers. */
abstract class TelemetryTestBase {
  static final SecretRef PRIMARY_KEY = new SecretRef("keys", "primary");
  static final String SECRET = "sk-live-0123456789abcdefSECRET";
  /** The backup's prices: $2 per million input tokens, $8 per million output tokens. */
  static final PricingConfig BACKUP_PRICES = new PricingConfig(2, 8, 0);

  LoopbackHttpServer primary;
  LoopbackHttpServer backup;
  OtlpReceiver receiver;
  ProxyServer proxy;
  ProxyClient client;
  /** On the admin port: metrics, stats, quality. */
  ProxyClient admin;

  /** What the proxy under test is started with; tests override to change sampling or capture. */
  TelemetryOptions telemetry(String otlpEndpoint) {
    return TelemetryOptions.DEFAULTS.withOtlp(otlpEndpoint, OtlpProtocol.HTTP_PROTOBUF);
  }

  /** The trace receiver; OTLP/HTTP unless a test overrides it. */
  OtlpReceiver startReceiver() {
    return OtlpReceiver.start();
  }

  @BeforeEach
  void startServers() {
    primary = LoopbackHttpServer.start();
    backup = LoopbackHttpServer.start();
    receiver = startReceiver();
    proxy =
        new ProxyServer(
            new ProxyOptions("127.0.0.1", 0, 64 * 1024, telemetry(receiver.endpoint())),
            ref -> Optional.ofNullable(Map.of(PRIMARY_KEY, SECRET).get(ref)));
    proxy.start();
    client = new ProxyClient(proxy.port());
    admin = new ProxyClient(proxy.adminPort());
  }

  @AfterEach
  void stopServers() {
    proxy.close();
    primary.close();
    backup.close();
    receiver.close();
  }

  /** primary/gpt-4o (with a credential) then backup/gpt-4o-mini (priced), in one logical model "chat". */
  void loadTwoTargets() {
    proxy.configSink().accept(
        ConfigBuilder.create()
            .version("cfg-42")
            .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, PRIMARY_KEY)
            .account("backup", backup.baseUrl())
            .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini", BACKUP_PRICES))
            .build());
  }

  /**
   * {@link #loadTwoTargets}'s targets under one policy, {@code no-hedging}, that never hedges: on a
   * busy machine a hedge would move calls (their counts, their spans) from the primary to the backup.
   */
  void loadTwoTargetsWithoutHedging() {
    proxy.configSink().accept(
        ConfigBuilder.create()
            .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, PRIMARY_KEY)
            .account("backup", backup.baseUrl())
            .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini", BACKUP_PRICES))
            .policy(ConfigBuilder.withHedge(
                ConfigBuilder.policy("no-hedging", 1, MatchConfig.ANY, List.of(), null), new HedgeConfig(null, 0)))
            .build());
  }

  /** The spans of one trace, once its server span has arrived at the receiver. */
  List<Span> exportedTrace(String traceId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              proxy.telemetry().flushTraces();
              return receiver.trace(traceId);
            },
            spans -> spans.stream().anyMatch(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER));
  }

  static String attr(Span span, String key) {
    return OtlpReceiver.attribute(span, key).orElse(null);
  }

  static Span named(List<Span> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.stream().map(Span::getName).toList()));
  }
}
