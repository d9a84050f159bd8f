package dev.spillway.proxy.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CapabilitySet;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.TargetConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Verdicts on one target from several threads at once, as both IO threads judge its answers: a
 * thread that finds another applying verdicts leaves its own for that thread instead of waiting,
 * and none may be lost, applied twice, or announce a change twice.
 */
class DriftMonitorConcurrencyTest {
  private static final TargetConfig TARGET =
      new TargetConfig("acct/model", "acct", "model", 1, 1, CapabilitySet.DEFAULTS, PricingConfig.FREE);
  private static final int THREADS = 4;
  private static final int HEALTHY = 5_000;
  private static final int FAILING = 2_000;

  @Test
  void everyVerdictFromConcurrentThreadsIsAppliedOnceAndTheAlarmIsAnnouncedOnce() throws Exception {
    DriftMonitor monitor = new DriftMonitor();
    List<DriftState> announced = new CopyOnWriteArrayList<>();
    monitor.subscribe(new QualityEvents() {
      @Override
      public void checkFailed(String targetId, String reason) {}

      @Override
      public void driftChanged(String targetId, DriftState state) {
        announced.add(state);
      }
    });
    CyclicBarrier phase = new CyclicBarrier(THREADS);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(threads.submit(() -> {
          phase.await();
          for (int i = 0; i < HEALTHY; i++) {
            monitor.record(TARGET, Optional.empty(), 20);
          }
          phase.await(); // every thread's healthy answers are in before the failures start
          for (int i = 0; i < FAILING; i++) {
            monitor.record(TARGET, Optional.of("empty answer"), 20);
          }
          return null;
        }));
      }
      for (Future<?> each : done) {
        each.get();
      }
    } finally {
      threads.shutdownNow();
    }

    DriftState state = monitor.states().get(TARGET.id());
    assertThat(state.answers()).isEqualTo((long) THREADS * (HEALTHY + FAILING));
    assertThat(state.lastFailure()).isEqualTo("empty answer");
    assertThat(monitor.drifting(TARGET.id())).isTrue();
    assertThat(announced).hasSize(1);
    assertThat(announced.get(0).drifting()).isTrue();
  }
}
