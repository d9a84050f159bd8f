package dev.spillway.proxy.quality;

import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.QualityCheck;
import dev.spillway.config.QualityConfig;
import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.failover.HealthMarks;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.MutableClock;
import dev.spillway.proxy.testing.Reply;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QualityProberTest {
  private static final String TARGET = "acct/gpt-4o";
  private final MutableClock clock = new MutableClock();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private LoopbackHttpServer provider;
  private RuntimeConfig runtime;
  private QualityGuard guard;
  private QualityProber prober;

  @BeforeEach
  void start() {
    provider = LoopbackHttpServer.start();
    runtime = new RuntimeConfig(new ProviderContext(new ObjectMapper(), scheduler, scheduler, clock));
    guard = new QualityGuard(new ObjectMapper(), new HealthMarks(clock));
    prober = new QualityProber(runtime::current, ref -> Optional.empty(), guard, clock);
  }

  @AfterEach
  void stop() {
    runtime.close();
    provider.close();
    scheduler.shutdownNow();
  }

  private void load(QualityConfig.Probe probe) {
    QualityConfig quality = new QualityConfig(EnumSet.of(QualityCheck.EMPTY), true, 5, probe);
    runtime.accept(ConfigBuilder.create()
        .account("acct", provider.baseUrl())
        .model("chat", m -> m.target("acct", "gpt-4o"))
        .policy(ConfigBuilder.withQuality(ConfigBuilder.policy("probed", 10, MatchConfig.ANY, List.of(), null), quality))
        .build());
  }

  private DriftState state() {
    return guard.drift().states().get(TARGET);
  }

  @Test
  void aWrongAnswerToTheGoldenQuestionCountsAgainstTheTarget() throws Exception {
    load(new QualityConfig.Probe(10_000, "What is the capital of France?", "paris"));
    provider.always(Reply.json(200, completion("It is London.")));

    prober.tick();

    await().atMost(Duration.ofSeconds(10)).until(() -> state() != null);
    assertThat(state().lastFailure()).isEqualTo("probe: expected \"paris\" in the answer");
    String sent = provider.lastRequest().body();
    assertThat(new ObjectMapper().readTree(sent).at("/messages/0/content").asText()).isEqualTo("What is the capital of France?");
    assertThat(new ObjectMapper().readTree(sent).get("model").asText()).isEqualTo("gpt-4o");
  }

  @Test
  void eachTargetIsProbedAtMostOncePerInterval() throws Exception {
    load(new QualityConfig.Probe(10_000, "What is the capital of France?", "Paris"));
    provider.always(Reply.json(200, completion("Paris.")));

    prober.tick();
    await().atMost(Duration.ofSeconds(10)).until(() -> state() != null && state().answers() == 1);
    prober.tick();
    clock.advance(Duration.ofSeconds(9));
    prober.tick();
    assertThat(provider.requestCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    prober.tick();
    await().atMost(Duration.ofSeconds(10)).until(() -> state().answers() == 2);
    assertThat(provider.requestCount()).isEqualTo(2);
    assertThat(state().lastFailure()).isNull();
  }

  @Test
  void probesAreNotReportedAsUserCheckFailures() throws Exception {
    load(new QualityConfig.Probe(10_000, "Say hi", null));
    provider.always(Reply.json(200, completion("")));
    List<String> failures = new CopyOnWriteArrayList<>();
    guard.drift().subscribe(new QualityEvents() {
      @Override
      public void checkFailed(String targetId, String reason) {
        failures.add(reason);
      }

      @Override
      public void driftChanged(String targetId, DriftState state) {}
    });

    prober.tick();

    await().atMost(Duration.ofSeconds(10)).until(() -> state() != null);
    assertThat(state().lastFailure()).isEqualTo("probe: empty output (stop)");
    assertThat(failures).isEmpty();
  }

  @Test
  void policiesWithoutProbesSendNothing() {
    load(null);

    prober.tick();

    assertThat(provider.requestCount()).isZero();
  }
}
