package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.Budget;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.compiler.TestResources;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.stats.LiveNumbers;
import dev.spillway.operator.stats.ReplicaSample;
import dev.spillway.operator.status.EventRecorder;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.stats.StatsView;
import dev.spillway.stats.StatsView.LiveStats;
import dev.spillway.stats.StatsView.TargetStats;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Circuit and budget Events against the mock API server, driven by made-up scrapes. */
class LiveEventsTest {
  static final String NS = "team";
  static final String TARGET = "openai/gpt-4o-mini";

  MockCluster cluster;
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-20T10:00:00Z"));
  LiveEvents live;
  ResourceSet resources;
  RouterConfig config;
  ProviderAccount openai;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    cluster.namespace(NS);
    TestResources set = TestResources.valid();
    Budget budget = new Budget();
    budget.amountUsd = 10.0;
    budget.alertAtPercent = List.of(50, 80);
    set.accountSpec("openai").budget = budget;
    config = set.compile().config();
    ResourceSet compiled = set.toSet();
    List<ProviderAccount> created = compiled.accounts().stream().map(account -> {
      account.getMetadata().setNamespace(NS);
      return cluster.client().resource(account).create();
    }).toList();
    openai = created.stream().filter(a -> a.getMetadata().getName().equals("openai")).findFirst().orElseThrow();
    resources = new ResourceSet(compiled.source(), created, compiled.models(), compiled.policies(), compiled.secrets());
    Clock clock = new Clock() {
      @Override public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override public Instant instant() {
        return now.get();
      }
    };
    live = new LiveEvents(new EventRecorder(cluster.client(), clock), clock);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** One replica's scrape: the openai target with its breaker state and the budget it reports left. */
  private static LiveNumbers scrape(String circuit, Double budgetRemainingUsd) {
    LiveStats stats = new LiveStats(10, 20, 30, 5, 0, 0, 4, circuit, 100, 0, budgetRemainingUsd, 1);
    return LiveNumbers.sum(List.of(new ReplicaSample("edge-0",
        new StatsView("v", Map.of(), Map.of(TARGET, new TargetStats("openai", 4, 0, stats))))));
  }

  private List<Event> events(String reason) {
    return cluster.client().v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> e.getReason().equals(reason)).toList();
  }

  @Test
  void aCircuitOpeningIsOneEventPerOpeningNotOnePerScrape() {
    LiveNumbers closed = scrape("CLOSED", null);
    LiveNumbers open = scrape("OPEN", null);

    live.report(resources, config, null, closed);
    live.report(resources, config, closed, open);
    live.report(resources, config, open, open);
    assertThat(events(EventRecorder.CIRCUIT_OPENED)).singleElement().satisfies(event -> {
      assertThat(event.getType()).isEqualTo("Warning");
      assertThat(event.getMessage()).contains(TARGET).contains("opened on 1 replica");
      assertThat(event.getInvolvedObject().getKind()).isEqualTo("ProviderAccount");
      assertThat(event.getInvolvedObject().getName()).isEqualTo("openai");
      assertThat(event.getInvolvedObject().getUid()).isEqualTo(openai.getMetadata().getUid());
    });

    live.report(resources, config, open, closed);
    live.report(resources, config, closed, open);
    assertThat(events(EventRecorder.CIRCUIT_OPENED)).as("opened again").hasSize(2);
  }

  @Test
  void aBudgetAlertFiresOncePerThresholdPerPeriod() {
    live.report(resources, config, null, scrape("CLOSED", 6.0)); // 4 of 10 USD spent: below 50 %
    assertThat(events(EventRecorder.BUDGET_ALERT)).isEmpty();

    live.report(resources, config, null, scrape("CLOSED", 4.0)); // 60 %
    live.report(resources, config, null, scrape("CLOSED", 3.0)); // 70 %: still past 50 % only
    assertThat(events(EventRecorder.BUDGET_ALERT)).singleElement().satisfies(event -> {
      assertThat(event.getMessage()).isEqualTo("Spent 6.00 USD of the monthly budget of 10.00 USD (60%): crossed 50%");
      assertThat(event.getInvolvedObject().getName()).isEqualTo("openai");
    });

    live.report(resources, config, null, scrape("CLOSED", 0.0)); // 100 %: crosses 80 and 100 at once
    assertThat(events(EventRecorder.BUDGET_ALERT)).extracting(Event::getMessage)
        .hasSize(3)
        .anySatisfy(m -> assertThat(m).endsWith("crossed 80%"))
        .anySatisfy(m -> assertThat(m).contains("crossed 100%; exhausted, calls are now sent to other accounts first"));

    now.set(Instant.parse("2026-12-01T00:05:00Z"));
    live.report(resources, config, null, scrape("CLOSED", 4.0)); // a new month: 50 % alerts again
    assertThat(events(EventRecorder.BUDGET_ALERT)).hasSize(4);
  }
}
