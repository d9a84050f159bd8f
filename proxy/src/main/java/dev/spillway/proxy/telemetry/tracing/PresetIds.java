package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;

/**
 * The SDK's random ids, except for the one span built inside {@link #building}: it gets the ids
 * the call already announced. An unsampled call answers with its traceparent (trace id and server
 * span id) before anyone knows whether its spans will be built; when they are (it failed over or
 * failed), the trace must carry the ids the caller was given. The SDK's span builder takes no ids,
 * only an {@link IdGenerator}, hence a thread's preset for the duration of one span's start.
 */
final class PresetIds implements IdGenerator {
  private static final IdGenerator RANDOM = IdGenerator.random();
  private final ThreadLocal<String[]> preset = new ThreadLocal<>();

  String newTraceId() {
    return RANDOM.generateTraceId();
  }

  String newSpanId() {
    return RANDOM.generateSpanId();
  }

  /** Starts a span with {@code build}, giving it these ids (a null trace id: the parent's or a new one). */
  <T> T building(String traceId, String spanId, Supplier<T> build) {
    preset.set(new String[] {traceId, spanId});
    try {
      return build.get();
    } finally {
      preset.remove();
    }
  }

  @Override
  public String generateSpanId() {
    String[] ids = preset.get();
    if (ids != null && ids[1] != null) {
      String id = ids[1];
      ids[1] = null; // one span only: its children get their own
      return id;
    }
    return RANDOM.generateSpanId();
  }

  @Override
  public String generateTraceId() {
    String[] ids = preset.get();
    if (ids != null && ids[0] != null) {
      String id = ids[0];
      ids[0] = null;
      return id;
    }
    return RANDOM.generateTraceId();
  }
}
