package dev.spillway.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceSpansTest {
  @Test
  void lostIsDroppedPlusFailedAndKeptIsEverySpanHandedToTheExporter() {
    String metrics = """
        # HELP spillway_trace_spans_kept_total Spans handed to the batch exporter
        # TYPE spillway_trace_spans_kept_total counter
        spillway_trace_spans_kept_total 36912.0
        spillway_trace_spans_exported_total 34000.0
        spillway_trace_spans_export_failed_total 512.0
        spillway_trace_spans_dropped_total 2048.0
        spillway_trace_traces_total{decision="kept"} 12304.0
        """;

    assertThat(TraceSpans.parse(metrics)).isEqualTo(new TraceSpans(36_912, 2_560, 34_000));
  }

  @Test
  void spansStillQueuedOrOnTheirWayAreNotSettled() {
    assertThat(new TraceSpans(36_912, 2_560, 34_000).pending()).isEqualTo(352);
    assertThat(new TraceSpans(36_912, 2_560, 34_000).settled()).isFalse();
    assertThat(new TraceSpans(36_912, 2_560, 34_352).settled()).isTrue();
    assertThat(new TraceSpans(0, 0, 0).settled()).isTrue();
  }
}
