package dev.spillway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * How the benchmark turns Spillway's tracing on and off: {@code SPILLWAY_OTLP_ENDPOINT} set (every
 * call sampled, OTLP/HTTP to the mock, which answers 200 to anything) or unset. The access log is
 * off in both, as nginx's is. A proxy jar without the OpenTelemetry SDK cannot trace, and the
 * comparison is then reported as pending.
 */
final class TracingSwitch {
  private TracingSwitch() {}

  static boolean supported(Path proxyJar) throws IOException {
    try (JarFile jar = new JarFile(proxyJar.toFile())) {
      return jar.getEntry("io/opentelemetry/sdk/trace/SdkTracerProvider.class") != null;
    }
  }

  static Map<String, String> off() {
    return Map.of("SPILLWAY_ACCESS_LOG", "false");
  }

  static Map<String, String> on(int collectorPort) {
    return Map.of(
        "SPILLWAY_ACCESS_LOG", "false",
        "SPILLWAY_OTLP_ENDPOINT", "http://127.0.0.1:" + collectorPort,
        "SPILLWAY_OTLP_PROTOCOL", "http/protobuf",
        "SPILLWAY_TRACE_SAMPLING", "1.0");
  }
}
