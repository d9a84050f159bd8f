package dev.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.bench.load.Streams;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.systems.GcPauses;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class StreamScenariosTest {
  @Test
  void aSystemWhoseStreamsAllFailedHasNoFirstTokenPercentiles() {
    Samples samples = new Samples();
    Histogram none = new Histogram(3);
    Histogram some = new Histogram(3);
    some.recordValue(250_000);
    StreamScenarios.recordFirstToken(samples, "ttft.failing", result(none, 0, 300));
    StreamScenarios.recordFirstToken(samples, "ttft.working", result(some, 1, 0));

    assertThat(samples.median("ttft.failing.p50")).isEmpty();
    assertThat(samples.median("ttft.failing.p99")).isEmpty();
    assertThat(samples.median("ttft.failing.errors")).contains(300.0);
    assertThat(samples.median("ttft.working.p50")).hasValueSatisfying(p50 -> assertThat(p50).isBetween(249.0, 251.0));
  }

  private static Streams.Result result(Histogram firstToken, long ok, long errors) {
    return new Streams.Result(firstToken, new Histogram(3), ok, errors, Map.of(), 0, 0, List.of());
  }

  @Test
  void streamsThatFitTheOpenFileLimitRunAsAsked() {
    assertThat(StreamScenarios.fitting(5_000, 20_000)).isEqualTo(5_000);
    assertThat(StreamScenarios.fitting(10_000, 65_536)).isEqualTo(10_000);
  }

  @Test
  void tooManyForTheLimitAreCutToTwoSocketsEachRoundedToAHundred() {
    // 20,000 files less 300 others, two per stream: 9,850, rounded down.
    assertThat(StreamScenarios.fitting(10_000, 20_000)).isEqualTo(9_800);
  }

  @Test
  void everyStreamOutlastsTheRampAndTheMemoryReading() {
    Settings full = Settings.full(3);
    assertThat(full.tokensFor(1_000)).isEqualTo(40); // 1 s ramp + 8 s = 36 chunks: the 40 minimum
    // 10 s ramp + 8 s at 250 ms a chunk
    assertThat(full.tokensFor(10_000)).isEqualTo(72);
    assertThat(Settings.quick().tokensFor(5_000)).isEqualTo(52);
  }

  @Test
  void aLateFirstTokenIsCountedAsTheCollectorsWhenItsWaitOverlappedAPause() {
    List<GcPauses.Pause> pauses = List.of(new GcPauses.Pause("Young", 1_500, 400)); // 1,100 to 1,500
    List<Streams.Wait> waits = List.of(
        new Streams.Wait(1_000, 2_000_000), // on time: 2 ms
        new Streams.Wait(1_200, 300_000_000), // late, waited through the pause
        new Streams.Wait(3_000, 50_000_000)); // late, no pause then

    assertThat(StreamScenarios.lateInPauses(waits, pauses, 10_000_000)).containsExactly(2, 1);
  }

  @Test
  void theConcurrentWarmUpRunsUntilTheCompilersAreQuietOrItsRoundsAreUp() {
    assertThat(StreamScenarios.warmer(0, Double.NaN)).isTrue(); // always one round
    assertThat(StreamScenarios.warmer(1, 0.45)).isTrue(); // the compilers took 45 % of the round's CPU
    assertThat(StreamScenarios.warmer(2, 0.049)).isFalse(); // under 5 %: steady enough
    assertThat(StreamScenarios.warmer(StreamScenarios.WARM_MAX_ROUNDS, 0.30)).isFalse(); // capped
  }
}
