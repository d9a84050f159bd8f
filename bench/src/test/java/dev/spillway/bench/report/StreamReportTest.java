package dev.spillway.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.bench.Settings;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class StreamReportTest {
  @Test
  void theLiveHeapOfStreamsThatDidNotFitIsProjectedFromThePerStreamFigure() {
    Samples s = new Samples();
    s.add("streams.10000.opened", 9_800);
    s.add("streams.10000.spillway.idleHeapMb", 20);
    s.add("streams.10000.spillway.perStreamKb", 25.6);

    // 20 MB + 25.6 KB × 10,000 = 20 + 250 MB
    assertThat(StreamReport.projectedLiveMb(s, 10_000)).hasValueSatisfying(mb -> assertThat(mb).isCloseTo(270.0,
        org.assertj.core.data.Offset.offset(0.01)));
  }

  @Test
  void theTableAndTargetsShowTheRowsAskedForAndSayWhenFewerOpened() {
    Samples s = new Samples();
    for (int count : new int[] {1_000, 5_000, 10_000}) {
      String k = "streams." + count + ".";
      s.add(k + "opened", Math.min(count, 9_800));
      s.add(k + "tokens", 40);
      s.add(k + "direct.p99", 3_000);
      s.add(k + "spillway.p99", 6_000);
      s.add(k + "spillway.errors", 0);
      s.add(k + "spillway.idleHeapMb", 20);
      s.add(k + "spillway.liveHeapMb", 200);
      s.add(k + "spillway.heapMb", 300);
      s.add(k + "spillway.perStreamKb", 18.5);
      s.add(k + "spillway.gcPauses", 12);
      s.add(k + "spillway.gcMaxMs", 431);
      s.add(k + "spillway.gcTotalMs", 900);
      s.add(k + "spillway.late", 60);
      s.add(k + "spillway.lateInGc", 57);
      s.add(k + "spillway.cpuPerChunkUs", 21.44);
      s.add(k + "spillway.compilingMs", 1_830);
      s.add(k + "spillway.listenOverflows", 0);
    }
    s.note("streams-note.10000", "10,000 streams asked, 9,800 opened: Spillway's open-file limit");

    String md = new Report(s, Settings.quick(), java.time.Instant.EPOCH, true, EnumSet.of(Part.STREAMS), "Java 17, -XX:+UseG1GC (the image's)").markdown(null);

    assertThat(md).contains("Spillway on Java 17, -XX:+UseG1GC (the image's).")
        .contains("| 9,800 (of 10,000 asked) | 40 | spillway |")
        .contains("| 18.5 |")
        .contains("| 12 / 431 / 900 | 60 / 57 | 21.4 / 1,830 | 0 |")
        .contains("| 40 | direct | – | 3,000 | +0.0 | – | – | – | – | – | – | – / – | – | – | – / – | – | – |")
        .contains("10,000 streams asked, 9,800 opened")
        .contains("| 5,000 streams: added first-token p99 ≤ 5 ms | +3,000 µs | yes |")
        .contains("| 10,000 streams: no error | 0 errors at 9,800 streams (open-file limit) | yes |")
        .contains("| 10,000 streams: live heap ≤ 512 MB (-Xmx512m) | 201 MB projected (heap used 300 MB at 9,800"
            + " streams (open-file limit), 18.5 KB per open stream) | yes |");
  }
}
