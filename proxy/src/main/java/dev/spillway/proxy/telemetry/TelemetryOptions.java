package dev.spillway.proxy.telemetry;

/**
 * Telemetry settings: the same fields as the Router resource's {@code spec.telemetry}, given to the
 * proxy as flags or environment (see {@code Main}).
 *
 * @param otlpEndpoint where traces go, e.g. {@code http://otel-collector:4318}; null disables tracing
 * @param otlpProtocol how spans are sent; null means {@link OtlpProtocol#HTTP_PROTOBUF}
 * @param samplingRatio share of calls traced, 0 to 1; errors and failovers are always kept
 * @param captureContent put message content in spans and access-log lines
 * @param accessLog write one JSON line per call to the {@code spillway.access} logger
 * @param traceUrlTemplate where a trace is viewed, with {@code {traceId}} standing for the id (e.g.
 *     {@code http://jaeger:16686/trace/{traceId}}): the live page links its log lines there; null
 *     shows the bare id
 */
public record TelemetryOptions(
    String otlpEndpoint, OtlpProtocol otlpProtocol, double samplingRatio, boolean captureContent, boolean accessLog,
    String traceUrlTemplate) {
  /** The placeholder a trace URL template must hold. */
  public static final String TRACE_ID = "{traceId}";

  /** No trace export; metrics and the access log on. */
  public static final TelemetryOptions DEFAULTS = new TelemetryOptions(null, OtlpProtocol.HTTP_PROTOBUF, 1.0, false, true);

  /** Without a trace UI to link to. */
  public TelemetryOptions(
      String otlpEndpoint, OtlpProtocol otlpProtocol, double samplingRatio, boolean captureContent, boolean accessLog) {
    this(otlpEndpoint, otlpProtocol, samplingRatio, captureContent, accessLog, null);
  }

  public TelemetryOptions {
    if (otlpEndpoint != null && otlpEndpoint.isBlank()) {
      otlpEndpoint = null;
    }
    if (otlpProtocol == null) {
      otlpProtocol = OtlpProtocol.HTTP_PROTOBUF;
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

  public TelemetryOptions withOtlp(String endpoint, OtlpProtocol protocol) {
    return new TelemetryOptions(endpoint, protocol, samplingRatio, captureContent, accessLog, traceUrlTemplate);
  }

  public TelemetryOptions withSamplingRatio(double ratio) {
    return new TelemetryOptions(otlpEndpoint, otlpProtocol, ratio, captureContent, accessLog, traceUrlTemplate);
  }

  public TelemetryOptions withCaptureContent(boolean capture) {
    return new TelemetryOptions(otlpEndpoint, otlpProtocol, samplingRatio, capture, accessLog, traceUrlTemplate);
  }
}
