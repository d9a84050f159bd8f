package dev.spillway.proxy.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the batch queue overflows, exported + dropped still adds up to every span kept. */
class BatchDropCountTest {
  private static final int SPANS = 50;

  @Test
  void theSdksDropCountAccountsExactlyForSpansNotExported() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    TestExporter stuck = spans -> {
      try {
        release.await(30, TimeUnit.SECONDS); // a slow collector: the queue fills meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CompletableResultCode.ofSuccess();
    };
    SdkSpanMetrics sdkMetrics = new SdkSpanMetrics();
    CountingSpanExporter counted = new CountingSpanExporter(stuck);
    try (SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(sdkMetrics).build();
        SdkTracerProvider tracing =
            SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(counted).setMeterProvider(meters)
                    .setMaxQueueSize(4).setMaxExportBatchSize(1).build())
                .build()) {
      Tracer tracer = tracing.get("test");
      for (int i = 0; i < SPANS; i++) {
        tracer.spanBuilder("span " + i).startSpan().end();
      }
      release.countDown();
      tracing.forceFlush().join(10, TimeUnit.SECONDS);

      assertThat(sdkMetrics.droppedSpans()).isPositive();
      assertThat(counted.exported() + sdkMetrics.droppedSpans()).isEqualTo(SPANS);
    }
  }
}
