package dev.spillway.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcPausesTest {
  /** Lines as JDK 17's G1 writes them with -Xlog:gc:file=…:utctime. */
  private static final List<String> LOG = List.of(
      "[2026-12-06T05:30:12.100+0000] Using G1",
      "[2026-12-06T05:30:13.521+0000] GC(8) Pause Young (Normal) (G1 Evacuation Pause) 117M->39M(256M) 684.685ms",
      "[2026-12-06T05:30:14.000+0000] GC(9) Concurrent Mark Cycle 45.100ms",
      "[2026-12-06T05:30:14.200+0000] GC(9) Pause Remark 13M->13M(256M) 5.772ms",
      "[2026-12-06T05:30:20.000+0000] GC(10) Pause Full (System.gc()) 170M->90M(428M) 310.5ms");

  @Test
  void readsEveryStopTheWorldPauseOnTheWallClockAndNothingConcurrent() {
    List<GcPauses.Pause> pauses = GcPauses.parse(LOG);

    assertThat(pauses).extracting(GcPauses.Pause::kind)
        .containsExactly("Young (Normal) (G1 Evacuation Pause) 117M->39M(256M)", "Remark 13M->13M(256M)",
            "Full (System.gc()) 170M->90M(428M)");
    GcPauses.Pause young = pauses.get(0);
    assertThat(young.millis()).isEqualTo(684.685);
    assertThat(young.endMs()).isEqualTo(Instant.parse("2026-12-06T05:30:13.521Z").toEpochMilli());
    assertThat(young.startMs()).isEqualTo(young.endMs() - 684.685);
  }

  /**
   * The quiet run of 2026-12-06 07:16 reported the harness's own {@code jcmd GC.run} (126 ms at
   * 5,000 streams, 304 ms at 9,800) as the proxy's longest pause: only "System.gc()" was left out.
   */
  @Test
  void fullCollectionsAskedForFromOutsideAreToldApartFromTheCollectorsOwn() {
    List<GcPauses.Pause> pauses = GcPauses.parse(List.of(
        "[2026-12-06T07:30:19.038+0000] GC(474) Pause Young (Normal) (G1 Evacuation Pause) 194M->89M(256M) 23.344ms",
        "[2026-12-06T07:30:19.515+0000] GC(475) Pause Full (Diagnostic Command) 125M->88M(256M) 126.457ms",
        "[2026-12-06T07:31:12.602+0000] GC(506) Pause Full (G1 Compaction Pause) 198M->158M(362M) 303.793ms",
        "[2026-12-06T05:30:20.000+0000] GC(10) Pause Full (System.gc()) 170M->90M(428M) 310.5ms"));

    assertThat(pauses).extracting(GcPauses.Pause::requested).containsExactly(false, true, false, true);
  }

  /** Generational ZGC (JDK 25) with -Xlog:gc,gc+phases: its pauses name the generation; a stall stops one thread. */
  @Test
  void readsZgcsPausesAndAllocationStallsButNotItsConcurrentPhases() {
    List<GcPauses.Pause> pauses = GcPauses.parse(List.of(
        "[2026-12-07T01:39:20.089+0000] GC(0) Major Collection (Warmup)",
        "[2026-12-07T01:39:20.090+0000] GC(0) Y: Pause Mark Start (Major) 0.038ms",
        "[2026-12-07T01:39:20.129+0000] GC(0) Y: Concurrent Mark 39.094ms",
        "[2026-12-07T01:39:20.166+0000] GC(0) O: Pause Mark End 0.020ms",
        "[2026-12-07T01:39:20.179+0000] GC(0) Major Collection (Warmup) 52M(10%)->38M(7%) 0.090s",
        "[2026-12-07T01:18:27.652+0000] Allocation Stall (XNIO-1 I/O-1) 289.984ms"));

    assertThat(pauses).extracting(GcPauses.Pause::kind)
        .containsExactly("Mark Start (Major)", "Mark End", "Allocation Stall (XNIO-1 I/O-1)");
    assertThat(pauses.get(2).millis()).isEqualTo(289.984);
    assertThat(pauses.get(2).endMs()).isEqualTo(Instant.parse("2026-12-07T01:18:27.652Z").toEpochMilli());
    assertThat(pauses).noneMatch(GcPauses.Pause::requested);
  }

  @Test
  void aPauseOverlapsAWaitOnlyWhenTheyShareTime() {
    GcPauses.Pause pause = new GcPauses.Pause("Young", 1_000, 100); // ran from 900 to 1,000

    assertThat(pause.overlaps(950, 2_000)).isTrue();
    assertThat(pause.overlaps(800, 910)).isTrue();
    assertThat(pause.overlaps(1_000, 1_200)).isFalse();
    assertThat(pause.overlaps(700, 900)).isFalse();
    assertThat(GcPauses.between(List.of(pause), 0, 899)).isEmpty();
  }
}
