package dev.spillway.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class GrowthReportTest {
  @Test
  void theGrowthTargetTakesNginxsCopyingOutOfSpillwaysOverhead() {
    Samples s = new Samples();
    s.add("prompt.1KB.nginx.over.p50", 50);
    s.add("prompt.1KB.spillway.over.p50", 100);
    s.add("prompt.1MB.nginx.over.p50", 450); // nginx: +50 at 1 KB, +450 at 1 MB: 400 µs of copying
    s.add("prompt.1MB.spillway.over.p50", 700); // Spillway: +100 at 1 KB, +700 at 1 MB
    StringBuilder md = new StringBuilder();
    GrowthReport report = new GrowthReport(s, md);

    assertThat(GrowthReport.overhead(s, "1MB", "spillway", "p50")).hasValue(700.0);
    assertThat(report.copyingExcepted()).hasValue(300.0); // 700 - 400
    new Targets(s, md, EnumSet.of(Part.PROMPTS)).write();
    assertThat(md.toString())
        .contains("| p50 overhead at a 1 MB prompt ≤ 2× at 1 KB (nginx's copying excepted) | 3.00× (each pass: 3.00×) | **no** |");
  }

  @Test
  void overheadsAreTheMedianOverPassesAndEachPassIsReportedWithItsOwnRatio() {
    Samples s = new Samples();
    // Three passes; the second's 1 KB denominator doubled (the noise a one-run row had).
    pass(s, 50, 60, 450, 600);
    pass(s, 50, 120, 450, 600);
    pass(s, 50, 62, 450, 610);
    StringBuilder md = new StringBuilder();
    GrowthReport report = new GrowthReport(s, md);

    assertThat(GrowthReport.overhead(s, "1KB", "spillway", "p50")).hasValue(62.0);
    assertThat(GrowthReport.overhead(s, "1MB", "spillway", "p50")).hasValue(600.0);
    assertThat(report.copyingExcepted()).hasValue(200.0); // 600 - (450 - 50)
    assertThat(report.growthPerPass()).containsExactly(200.0 / 60, 200.0 / 120, 210.0 / 62);
    report.prompts();
    new Targets(s, md, EnumSet.of(Part.PROMPTS)).write();
    assertThat(md.toString())
        .contains("| 1KB | +50.0, +50.0, +50.0 | +60.0, +120, +62.0 |")
        .contains("| 1MB | +450, +450, +450 | +600, +600, +610 |")
        .contains("÷ its 1 KB overhead): 3.23× (each pass: 3.33×, 1.67×, 3.39×).")
        .contains("| 3.23× (each pass: 3.33×, 1.67×, 3.39×) | **no** |");
  }

  private static void pass(Samples s, double nginxSmall, double spillwaySmall, double nginxBig, double spillwayBig) {
    s.add("prompt.1KB.nginx.over.p50", nginxSmall);
    s.add("prompt.1KB.spillway.over.p50", spillwaySmall);
    s.add("prompt.1MB.nginx.over.p50", nginxBig);
    s.add("prompt.1MB.spillway.over.p50", spillwayBig);
  }
}
