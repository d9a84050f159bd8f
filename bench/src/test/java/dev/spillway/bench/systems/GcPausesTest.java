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
