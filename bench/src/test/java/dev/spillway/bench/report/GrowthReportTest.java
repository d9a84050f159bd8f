package dev.spillway.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrowthReportTest {
  @Test
  void theGrowthTargetTakesNginxsCopyingOutOfSpillwaysOverhead() {
    Samples s = new Samples();
    s.add("prompt.1KB.direct.p50", 100);
    s.add("prompt.1KB.nginx.p50", 150);
    s.add("prompt.1KB.spillway.p50", 200);
    s.add("prompt.1MB.direct.p50", 1_000);
    s.add("prompt.1MB.nginx.p50", 1_450); // nginx: +50 at 1 KB, +450 at 1 MB: 400 µs of copying
    s.add("prompt.1MB.spillway.p50", 1_700); // Spillway: +100 at 1 KB, +700 at 1 MB
    StringBuilder md = new StringBuilder();
    GrowthReport report = new GrowthReport(s, md);

    assertThat(GrowthReport.overhead(s, "1MB", "spillway", "p50")).hasValue(700.0);
    assertThat(report.copyingExcepted()).hasValue(300.0); // 700 - 400
    new Targets(s, md, java.util.EnumSet.of(Part.PROMPTS)).write();
    assertThat(md.toString()).contains("| p50 overhead at a 1 MB prompt ≤ 2× at 1 KB (nginx's copying excepted) | 3.00× | **no** |");
  }
}
