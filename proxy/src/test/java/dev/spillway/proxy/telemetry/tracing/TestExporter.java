package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** A span exporter for tests, written as its {@code export} alone: flush and shutdown succeed at once. */
@FunctionalInterface
interface TestExporter extends SpanExporter {
  @Override
  default CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  default CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
