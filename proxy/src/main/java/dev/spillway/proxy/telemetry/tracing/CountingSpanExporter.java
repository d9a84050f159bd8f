package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/** Counts the spans the real exporter delivered and failed to deliver. */
final class CountingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();

  CountingSpanExporter(SpanExporter delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int count = spans.size();
    CompletableResultCode result = delegate.export(spans);
    result.whenComplete(() -> (result.isSuccess() ? exported : failed).add(count));
    return result;
  }

  long exported() {
    return exported.sum();
  }

  long failed() {
    return failed.sum();
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }
}
