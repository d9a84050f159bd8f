package dev.spillway.proxy.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The traceparent written by hand is the one the W3C propagator would write. */
class TraceparentTest {
  private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
  private final Tracer tracer = provider.get("test");

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void newTraceMatchesThePropagator() {
    CallSpans spans = new CallSpans(tracer, Clock.getDefault(), Context.root(), "POST", "/v1/chat/completions");

    assertThat(spans.traceparent()).isEqualTo(propagated(spans)).startsWith("00-" + spans.traceId() + "-");
  }

  @Test
  void unsampledCallerKeepsItsFlags() {
    SpanContext caller = SpanContext.createFromRemoteParent(
        "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());
    Context parent = Context.root().with(Span.wrap(caller));
    // The proxy's sampler is always-on, so it is the SDK that decides the flags; what matters is
    // that both writers agree on them.
    CallSpans spans = new CallSpans(tracer, Clock.getDefault(), parent, "POST", "/v1/chat/completions");

    assertThat(spans.traceparent()).isEqualTo(propagated(spans));
  }

  private static String propagated(CallSpans spans) {
    Map<String, String> headers = new HashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(Context.root().with(Span.wrap(spans.serverSpanContext())), headers, Map::put);
    return headers.get("traceparent");
  }
}
