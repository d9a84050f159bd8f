package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;

/**
 * One span of a call, recorded by the call and read by the SDK's batch processor and OTLP exporter
 * once it has ended: it is the span and its data at once, so ending it copies nothing.
 *
 * <p>Why not the SDK's spans: an SDK span takes a lock per attribute and event, keeps its
 * attributes in a hash map with limits, notifies processors at start, and copies everything into a
 * new immutable {@link SpanData} when it ends. A call's spans are built on one thread under the
 * request's lock and never touched after they end, so none of that buys anything here, and it was
 * most of what tracing added to the request path (docs/benchmarks.md, Tracing). The exporter, the
 * batch processor and the data model stay the SDK's: this class implements its public
 * {@link ReadableSpan} and {@link SpanData} interfaces.
 *
 * <p>Not thread-safe: mutated only until {@link #end}, by the thread recording the call; the
 * processor's queue publishes it to the exporting thread.
 */
final class RecordedSpan implements ReadableSpan, SpanData {
  private final SpanPipeline pipeline;
  private final String name;
  private final SpanKind kind;
  private final LocalSpanContext context;
  private final SpanContext parent;
  private final long startEpochNanos;
  private final SpanAttributes attributes;
  private List<EventData> events = List.of();
  private StatusData status = StatusData.unset();
  private long endEpochNanos;
  private boolean ended;

  RecordedSpan(SpanPipeline pipeline, String name, SpanKind kind, LocalSpanContext context, SpanContext parent,
      long startEpochNanos) {
    this.pipeline = pipeline;
    this.name = name;
    this.kind = kind;
    this.context = context;
    this.parent = parent;
    this.startEpochNanos = startEpochNanos;
    this.attributes = new SpanAttributes(expectedAttributes(kind));
  }

  /**
   * Room for the attributes a span of this kind gets in the proxy, so they are not copied into a
   * larger array half-way: an attempt (CLIENT) span up to ~22 (the GenAI conventions), a server
   * span ~17, a routing (INTERNAL) span up to 12.
   */
  private static int expectedAttributes(SpanKind kind) {
    return switch (kind) {
      case CLIENT -> 24;
      case SERVER -> 20;
      default -> 12;
    };
  }

  /** Sets an attribute (a null value is ignored); a span that has ended is not changed. */
  <T> RecordedSpan set(AttributeKey<T> key, T value) {
    if (!ended) {
      attributes.put(key, value);
    }
    return this;
  }

  RecordedSpan event(String eventName, Attributes eventAttributes, long epochNanos) {
    if (!ended) {
      if (events.isEmpty()) {
        events = new ArrayList<>(4);
      }
      events.add(EventData.create(epochNanos, eventName, eventAttributes));
    }
    return this;
  }

  RecordedSpan status(StatusCode code, String description) {
    if (!ended) {
      status = StatusData.create(code, description == null ? "" : description);
    }
    return this;
  }

  /**
   * Ends the span at this time and hands it to the export (over OTLP/HTTP, encoded there and then,
   * while its data is in this thread's cache); later calls do nothing.
   */
  void end(long epochNanos) {
    if (ended) {
      return;
    }
    endEpochNanos = epochNanos;
    ended = true;
    pipeline.ended(this);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public SpanKind getKind() {
    return kind;
  }

  @Override
  public LocalSpanContext getSpanContext() {
    return context;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parent;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }

  @Override
  public long getStartEpochNanos() {
    return startEpochNanos;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public <T> T getAttribute(AttributeKey<T> key) {
    return attributes.get(key);
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return List.of();
  }

  @Override
  public long getEndEpochNanos() {
    return endEpochNanos;
  }

  @Override
  public boolean hasEnded() {
    return ended;
  }

  @Override
  public long getLatencyNanos() {
    return (ended ? endEpochNanos : pipeline.now()) - startEpochNanos;
  }

  @Override
  public int getTotalRecordedEvents() {
    return events.size();
  }

  @Override
  public int getTotalRecordedLinks() {
    return 0;
  }

  @Override
  public int getTotalAttributeCount() {
    return attributes.size();
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return pipeline.scope();
  }

  @Override
  @SuppressWarnings("deprecation") // both interfaces still declare it abstract
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(pipeline.scope().getName(), pipeline.scope().getVersion());
  }

  @Override
  public Resource getResource() {
    return pipeline.resource();
  }

  @Override
  public SpanData toSpanData() {
    return this;
  }

  @Override
  public String toString() {
    return "RecordedSpan{" + name + ", " + context.getSpanId() + ", " + attributes + "}";
  }
}
