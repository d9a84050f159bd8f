package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.Budget;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.compiler.TestResources;
import dev.spillway.config.RouterConfig;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.operator.stats.Cursor;
import dev.spillway.operator.stats.LiveNumbers;
import dev.spillway.operator.stats.ReplicaSample;
import dev.spillway.operator.status.EventRecorder;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.stats.StatsView;
import dev.spillway.stats.StatsView.LiveStats;
import dev.spillway.stats.StatsView.TargetStats;
import dev.spillway.stats.TransitionKind;
import dev.spillway.stats.TransitionsView;
import dev.spillway.stats.TransitionsView.Entry;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transition and budget Events against the mock API server, driven by made-up scrapes and logs. */
class LiveEventsTest {
  static final String NS = "team";
  static final String TARGET = "openai/gpt-4o-mini";

  MockCluster cluster;
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-20T10:00:00Z"));
  LiveEvents live;
  EventRecorder recorder;
  Router router;
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
    recorder = new EventRecorder(cluster.client(), clock);
    live = new LiveEvents(recorder, clock);
    router = cluster.router(NS, "edge");
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** One replica's scrape: the openai target with its breaker state and the budget it reports left. */
  private static LiveNumbers scrape(String circuit, Double budgetRemainingUsd) {
    LiveStats stats = new LiveStats(10, 20, 30, 5, 0, 0, 4, circuit, 100, 0, budgetRemainingUsd, 1, null, null);
    return LiveNumbers.sum(List.of(new ReplicaSample("edge-0",
        new StatsView("v", Map.of(), Map.of(TARGET, new TargetStats("openai", 4, 0, stats))))));
  }

  private List<Event> events(String reason) {
    return cluster.client().v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> e.getReason().equals(reason)).toList();
  }

  /** One replica's transition log, as read after some cursor. */
  private static ReplicaSample transitions(String pod, String instance, boolean gap, Entry... entries) {
    long next = entries.length == 0 ? 0 : entries[entries.length - 1].seq();
    return new ReplicaSample(pod, null, new TransitionsView(instance, 0, next, gap, List.of(entries)));
  }

  private static Entry entry(long seq, TransitionKind kind) {
    return new Entry(seq, 0, kind, "openai", TARGET, "circuit step " + seq);
  }

  @Test
  void aCircuitThatOpensAndClosesBetweenScrapesIsEachOfItsEventsExactlyOnce() {
    TransitionEvents transitions = new TransitionEvents(recorder);
    Map<String, Cursor> cursors = new HashMap<>();
    ReplicaSample bothSteps = transitions("edge-0", "run1", false,
        entry(1, TransitionKind.CIRCUIT_OPENED), entry(2, TransitionKind.CIRCUIT_CLOSED));

    transitions.report(router, resources, List.of(bothSteps), cursors);
    assertThat(cursors).containsEntry("edge-0", new Cursor("run1", 2));
    // The same log read again, as after an operator restart that lost the cursors:
    transitions.report(router, resources, List.of(bothSteps), new HashMap<>());

    assertThat(events("CircuitOpened")).singleElement().satisfies(event -> {
      assertThat(event.getType()).isEqualTo("Warning");
      assertThat(event.getMessage()).contains(TARGET).contains("replica edge-0");
      assertThat(event.getInvolvedObject().getName()).isEqualTo("openai");
      assertThat(event.getInvolvedObject().getUid()).isEqualTo(openai.getMetadata().getUid());
    });
    assertThat(events("CircuitClosed")).singleElement()
        .satisfies(event -> assertThat(event.getType()).isEqualTo("Normal"));

    transitions.report(router, resources, List.of(transitions("edge-0", "run2", false,
        entry(1, TransitionKind.CIRCUIT_OPENED))), cursors);
    assertThat(events("CircuitOpened")).as("a restarted replica's opening is a new one").hasSize(2);
    assertThat(cursors).containsEntry("edge-0", new Cursor("run2", 1));
  }

  @Test
  void aReplicaThatDroppedTransitionsSaysSoOnTheRouterAndGoneReplicasLoseTheirCursor() {
    TransitionEvents transitions = new TransitionEvents(recorder);
    Map<String, Cursor> cursors = new HashMap<>(Map.of("edge-9", new Cursor("old", 7)));

    transitions.report(router, resources, List.of(transitions("edge-0", "run1", true,
        entry(40, TransitionKind.DRIFT_ALARM))), cursors);

    assertThat(events("DriftAlarm")).hasSize(1);
    assertThat(events("TransitionsMissed")).singleElement()
        .satisfies(event -> assertThat(event.getInvolvedObject().getKind()).isEqualTo("Router"));
    assertThat(cursors).containsOnlyKeys("edge-0");
  }

  @Test
  void aBudgetAlertFiresOncePerThresholdPerPeriod() {
    live.report(resources, config, scrape("CLOSED", 6.0)); // 4 of 10 USD spent: below 50 %
    assertThat(events(EventRecorder.BUDGET_ALERT)).isEmpty();

    live.report(resources, config, scrape("CLOSED", 4.0)); // 60 %
    live.report(resources, config, scrape("CLOSED", 3.0)); // 70 %: still past 50 % only
    assertThat(events(EventRecorder.BUDGET_ALERT)).singleElement().satisfies(event -> {
      assertThat(event.getMessage()).isEqualTo("Spent 6.00 USD of the monthly budget of 10.00 USD (60%): crossed 50%");
      assertThat(event.getInvolvedObject().getName()).isEqualTo("openai");
    });

    live.report(resources, config, scrape("CLOSED", 0.0)); // 100 %: crosses 80 and 100 at once
    assertThat(events(EventRecorder.BUDGET_ALERT)).extracting(Event::getMessage)
        .hasSize(3)
        .anySatisfy(m -> assertThat(m).endsWith("crossed 80%"))
        .anySatisfy(m -> assertThat(m).contains("crossed 100%; exhausted, calls are now sent to other accounts first"));

    now.set(Instant.parse("2026-12-01T00:05:00Z"));
    live.report(resources, config, scrape("CLOSED", 4.0)); // a new month: 50 % alerts again
    assertThat(events(EventRecorder.BUDGET_ALERT)).hasSize(4);
  }
}
