package dev.spillway.proxy.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The traceparent written by hand is the one the W3C propagator would write. */
class TraceparentTest {
  private final SpanPipeline pipeline =
      new SpanPipeline(Resource.empty(), InstrumentationScopeInfo.create("test"), SpanProcessor.composite());

  @Test
  void newTraceMatchesThePropagator() {
    CallSpans spans = new CallSpans(pipeline, CallClock.anchored(), Context.root(), "POST", "/v1/chat/completions",
        LocalSpanContext.forCall(SpanContext.getInvalid()));

    assertThat(spans.traceparent()).isEqualTo(propagated(spans)).startsWith("00-" + spans.traceId() + "-");
  }

  @Test
  void unsampledCallerKeepsItsFlags() {
    SpanContext caller = SpanContext.createFromRemoteParent(
        "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());
    Context parent = Context.root().with(Span.wrap(caller));
    // Spans the proxy builds are sampled (the decision was taken before building them); what
    // matters is that both writers agree on the flags.
    CallSpans spans = new CallSpans(pipeline, CallClock.anchored(), parent, "POST", "/v1/chat/completions",
        LocalSpanContext.forCall(caller));

    assertThat(spans.traceparent()).isEqualTo(propagated(spans));
  }

  private static String propagated(CallSpans spans) {
    Map<String, String> headers = new HashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(Context.root().with(Span.wrap(spans.serverSpanContext())), headers, Map::put);
    return headers.get("traceparent");
  }
}
