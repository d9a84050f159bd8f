package dev.spillway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * How the benchmark turns Spillway's tracing on and off: the standard OpenTelemetry SDK environment
 * (plus SPILLWAY_TRACING), exporting OTLP/HTTP to the mock, which answers 200 to anything. A proxy
 * jar without the OpenTelemetry SDK cannot trace, and the comparison is reported as pending.
 */
final class TracingSwitch {
  private TracingSwitch() {}

  static boolean supported(Path proxyJar) throws IOException {
    try (JarFile jar = new JarFile(proxyJar.toFile())) {
      return jar.getEntry("io/opentelemetry/sdk/trace/SdkTracerProvider.class") != null;
    }
  }

  static Map<String, String> off() {
    return Map.of("OTEL_SDK_DISABLED", "true", "OTEL_TRACES_EXPORTER", "none", "SPILLWAY_TRACING", "off");
  }

  static Map<String, String> on(int collectorPort) {
    return Map.of(
        "OTEL_SDK_DISABLED", "false",
        "SPILLWAY_TRACING", "on",
        "OTEL_SERVICE_NAME", "spillway-bench",
        "OTEL_TRACES_EXPORTER", "otlp",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collectorPort,
        "OTEL_TRACES_SAMPLER", "always_on",
        "OTEL_METRICS_EXPORTER", "none",
        "OTEL_LOGS_EXPORTER", "none");
  }
}
