package dev.spillway.proxy.telemetry;

import java.util.Locale;

/**
 * Telemetry settings: the same fields as the Router resource's {@code spec.telemetry}, given to the
 * proxy as flags or environment (see {@code Main}).
 *
 * @param otlpEndpoint where traces go, e.g. {@code http://otel-collector:4318}; null disables tracing
 * @param otlpProtocol {@link #HTTP_PROTOBUF} or {@link #GRPC}
 * @param samplingRatio share of calls traced, 0 to 1; errors and failovers are always kept
 * @param captureContent put message content in spans and access-log lines
 * @param accessLog write one JSON line per call to the {@code spillway.access} logger
 * @param traceUrlTemplate where a trace is viewed, with {@code {traceId}} standing for the id (e.g.
 *     {@code http://jaeger:16686/trace/{traceId}}): the live page links its log lines there; null
 *     shows the bare id
 */
public record TelemetryOptions(
    String otlpEndpoint, String otlpProtocol, double samplingRatio, boolean captureContent, boolean accessLog,
    String traceUrlTemplate) {
  /** The placeholder a trace URL template must hold. */
  public static final String TRACE_ID = "{traceId}";
  public static final String HTTP_PROTOBUF = "http/protobuf";
  public static final String GRPC = "grpc";

  /** No trace export; metrics and the access log on. */
  public static final TelemetryOptions DEFAULTS = new TelemetryOptions(null, HTTP_PROTOBUF, 1.0, false, true);

  /** Without a trace UI to link to. */
  public TelemetryOptions(
      String otlpEndpoint, String otlpProtocol, double samplingRatio, boolean captureContent, boolean accessLog) {
    this(otlpEndpoint, otlpProtocol, samplingRatio, captureContent, accessLog, null);
  }

  public TelemetryOptions {
    if (otlpEndpoint != null && otlpEndpoint.isBlank()) {
      otlpEndpoint = null;
    }
    otlpProtocol = otlpProtocol == null || otlpProtocol.isBlank() ? HTTP_PROTOBUF : otlpProtocol.toLowerCase(Locale.ROOT);
    if (!otlpProtocol.equals(HTTP_PROTOBUF) && !otlpProtocol.equals(GRPC)) {
      throw new IllegalArgumentException("OTLP protocol '" + otlpProtocol + "': must be http/protobuf or grpc");
    }
    if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
      throw new IllegalArgumentException("sampling ratio " + samplingRatio + ": must be 0 to 1");
    }
    if (traceUrlTemplate != null && traceUrlTemplate.isBlank()) {
      traceUrlTemplate = null;
    }
    if (traceUrlTemplate != null && (!traceUrlTemplate.contains(TRACE_ID)
        || !(traceUrlTemplate.startsWith("http://") || traceUrlTemplate.startsWith("https://")))) {
      throw new IllegalArgumentException("trace URL template '" + traceUrlTemplate
          + "': must be an http(s) URL holding " + TRACE_ID + ", e.g. http://jaeger:16686/trace/" + TRACE_ID);
    }
  }

  public boolean tracing() {
    return otlpEndpoint != null;
  }

  public TelemetryOptions withOtlp(String endpoint, String protocol) {
    return new TelemetryOptions(endpoint, protocol, samplingRatio, captureContent, accessLog, traceUrlTemplate);
  }

  public TelemetryOptions withSamplingRatio(double ratio) {
    return new TelemetryOptions(otlpEndpoint, otlpProtocol, ratio, captureContent, accessLog, traceUrlTemplate);
  }

  public TelemetryOptions withCaptureContent(boolean capture) {
    return new TelemetryOptions(otlpEndpoint, otlpProtocol, samplingRatio, capture, accessLog, traceUrlTemplate);
  }
}
