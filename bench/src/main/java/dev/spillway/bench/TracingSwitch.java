package dev.spillway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * How the benchmark turns Spillway's tracing on and off: {@code SPILLWAY_OTLP_ENDPOINT} set (OTLP/HTTP
 * to the mock, which answers 200 to anything) with a sampling ratio, or unset. The access log is
 * off in all, as nginx's is. A proxy jar without the OpenTelemetry SDK cannot trace, and the
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

  /** A production-like share of calls traced: the rest build no span (errors and failovers would). */
  static final double SAMPLED_RATIO = 0.1;

  /** @param ratio the share of calls traced: 1.0 traces every call */
  static Map<String, String> on(int collectorPort, double ratio) {
    return Map.of(
        "SPILLWAY_ACCESS_LOG", "false",
        "SPILLWAY_OTLP_ENDPOINT", "http://127.0.0.1:" + collectorPort,
        "SPILLWAY_OTLP_PROTOCOL", "http/protobuf",
        "SPILLWAY_TRACE_SAMPLING", Double.toString(ratio));
  }
}
