package dev.spillway.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TracingReportTest {
  private final Samples s = new Samples();

  /** Two JVMs a mode, two rounds: what TracingScenario records. */
  private void measured(String mode, double... perJvmAndRound) {
    for (int i = 0; i < perJvmAndRound.length; i++) {
      s.add("tracing." + mode, perJvmAndRound[i]);
      s.add("tracing." + mode + ".i" + (i % 2 + 1), perJvmAndRound[i]);
      s.add("tracing." + mode + ".cpu", 80 + i);
      s.add("tracing." + mode + ".mockCpu", 28);
    }
  }

  @Test
  void theCostIsTheRatioOfMediansOverEveryJvmAndRoundWithTheSpreadBeside() {
    measured(TracingReport.OFF, 18_000, 16_000, 18_400, 15_600); // median 17,000
    measured(TracingReport.EVERY_CALL, 15_000, 15_400, 15_600, 15_200); // median 15,300: 10.0 %
    measured(TracingReport.SAMPLED, 16_800, 16_000, 16_600, 16_200); // median 16,400
    s.add("tracing.tracing-on.paired", 0.05);
    s.add("tracing.tracing-on.paired", 0.18);
    s.add("tracing.tracing-sampled.paired", 0.01);

    StringBuilder md = new StringBuilder();
    new TracingReport(s, md).write();

    assertThat(TracingReport.cost(s, TracingReport.EVERY_CALL).orElseThrow()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(md.toString())
        .contains("(2 a mode)")
        .contains("| off | 17,000 |  |  | 18,200 / 15,800 | 81.5 µs | 28.0 µs |")
        .contains("| on, every call traced (ratio 1) | 15,300 | 10.0 % | 5.0 % – 18.0 % | 15,300 / 15,300 | 81.5 µs | 28.0 µs |")
        .contains("| 16,400 | 3.5 % | 1.0 % – 1.0 % | 16,700 / 16,100 |");
  }

  @Test
  void theTargetsReadTheSameCost() {
    measured(TracingReport.OFF, 20_000, 20_000);
    measured(TracingReport.EVERY_CALL, 17_000, 17_000);
    measured(TracingReport.SAMPLED, 19_000, 19_000);

    StringBuilder md = new StringBuilder();
    new Targets(s, md, EnumSet.of(Part.TRACING)).write();

    assertThat(md.toString())
        .contains("| tracing on (every call traced) costs ≤ 10 % of throughput | 15 % | **no** |")
        .contains("| tracing on at ratio 0.1 (untraced calls build no span) costs ≤ 10 % of throughput | 5 % | yes |");
  }

  @Test
  void aRunWithoutTracingSaysWhy() {
    s.note("tracing", "pending: the proxy jar has no OpenTelemetry SDK yet");
    StringBuilder md = new StringBuilder();
    new TracingReport(s, md).write();
    assertThat(md.toString()).contains("pending: the proxy jar has no OpenTelemetry SDK yet. The switch is in the harness");
  }
}
