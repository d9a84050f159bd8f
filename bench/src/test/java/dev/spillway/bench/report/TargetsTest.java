package dev.spillway.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private final Samples s = new Samples();

  private String targets(Part... parts) {
    StringBuilder md = new StringBuilder();
    new Targets(s, md, EnumSet.of(parts[0], parts)).write();
    return md.toString();
  }

  @Test
  void sequentialOverheadsAreBoundByNginxsAsTheIssueWordsThem() {
    s.add("seq.direct.p50", 100);
    s.add("seq.nginx.p50", 150); // +50
    s.add("seq.spillway.p50", 199); // +99: within 2× nginx's +50
    s.add("seq.direct.p99", 200);
    s.add("seq.nginx.p99", 260); // +60
    s.add("seq.spillway.p99", 270); // +70: over nginx's

    assertThat(targets(Part.SEQUENTIAL))
        .contains("| sequential p50 overhead over direct ≤ 2× nginx's overhead | +99.0 µs vs nginx +50.0 µs (1.98×) | yes |")
        .contains("| sequential p99 overhead over direct ≤ nginx's | +70.0 µs vs nginx +60.0 µs (1.17×) | **no** |");
  }

  @Test
  void aNegativeNginxOverheadIsNotReadAsARatio() {
    s.add("seq.direct.p99", 300);
    s.add("seq.nginx.p99", 250); // -50: nginx under direct in a noisy round
    s.add("seq.spillway.p99", 320); // +20, more than nginx's -50, though -0.4 "×" would pass a ratio
    s.add("seq.direct.p50", 100);
    s.add("seq.nginx.p50", 150);
    s.add("seq.spillway.p50", 150);

    assertThat(targets(Part.SEQUENTIAL)).contains("| sequential p99 overhead over direct ≤ nginx's | +20.0 µs vs nginx -50.0 µs | **no** |");
  }

  @Test
  void throughputAndTheTailAtSeventyFivePercentAreReadAgainstNginx() {
    for (String c : new String[] {"16", "64"}) {
      s.add("rps." + c + ".nginx", 40_000);
      s.add("rps." + c + ".portkey", 1_000);
    }
    s.add("rps.16.spillway", 30_000); // 75 %
    s.add("rps.64.spillway", 28_800); // 72 %
    s.add("rate.75.nginx.p99", 4_000);
    s.add("rate.75.spillway.p99", 12_500); // 3.125×

    assertThat(targets(Part.THROUGHPUT, Part.RATES))
        .contains("| throughput at 16 conns ≥ 75 % of nginx | 75 % | yes |")
        .contains("| throughput at 64 conns ≥ 75 % of nginx | 72 % | **no** |")
        .contains("| at 75 % of Spillway's saturation, p99 ≤ 3× nginx's p99 at the same rate | 3.13× | **no** |");
  }
}
