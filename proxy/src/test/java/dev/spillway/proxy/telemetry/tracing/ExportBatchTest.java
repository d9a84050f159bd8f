package dev.spillway.proxy.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.telemetry.TelemetryOptions;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExportBatchTest {
  private static final TelemetryOptions TRACED = TelemetryOptions.DEFAULTS.withOtlp("http://collector:4318", null);

  @Test
  void withoutContentRequestsCarryUpTo2048SpansAndWithContent512() {
    assertThat(ExportBatch.of(TRACED)).isEqualTo(ExportBatch.WITHOUT_CONTENT);
    assertThat(ExportBatch.WITHOUT_CONTENT.maxSpans()).isEqualTo(2048);
    assertThat(ExportBatch.of(TRACED.withCaptureContent(true)).maxSpans()).isEqualTo(512);
    for (ExportBatch batch : List.of(ExportBatch.WITHOUT_CONTENT, ExportBatch.WITH_CONTENT)) {
      // A queue of several requests: spans keep coming while one request is in flight.
      assertThat(batch.queueSpans()).isGreaterThanOrEqualTo(4 * batch.maxSpans());
    }
  }

  @Test
  void theProcessorSendsSpansInRequestsOfTheBatchSize() {
    List<Integer> requests = new CopyOnWriteArrayList<>();
    BatchSpanProcessor processor = ExportBatch.of(TRACED).processor(recording(requests), MeterProvider.noop());
    SpanPipeline pipeline = new SpanPipeline(Resource.empty(), InstrumentationScopeInfo.create("test"), processor);
    int spans = 3 * 2048 + 100;
    for (int i = 0; i < spans; i++) {
      pipeline.startRoot("span " + i, SpanKind.INTERNAL, 1L).end(2L);
    }
    processor.forceFlush().join(10, TimeUnit.SECONDS);
    processor.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(requests.stream().mapToInt(Integer::intValue).sum()).isEqualTo(spans);
    assertThat(requests).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(2048)).contains(2048);
  }

  private static SpanExporter recording(List<Integer> requests) {
    return (TestExporter) batch -> {
      requests.add(batch.size());
      return CompletableResultCode.ofSuccess();
    };
  }
}
