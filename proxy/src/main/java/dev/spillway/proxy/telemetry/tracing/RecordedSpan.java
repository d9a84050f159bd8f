package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
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
 * One ended span as the SDK's batch processor and OTLP exporter read it (the gRPC export): the span
 * and its data at once, so handing it over copies nothing. Built by {@link SdkSpans} from the calls
 * of a {@link dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter}; the OTLP/HTTP export writes
 * the same calls straight into bytes instead.
 *
 * <p>Why not the SDK's spans: an SDK span takes a lock per attribute and event, keeps its
 * attributes in a hash map with limits, notifies processors at start, and copies everything into a
 * new immutable {@link SpanData} when it ends. A call's spans are written on one thread once they
 * have ended, so none of that buys anything here (docs/benchmarks.md, Tracing). The exporter, the
 * batch processor and the data model stay the SDK's: this class implements its public
 * {@link ReadableSpan} and {@link SpanData} interfaces.
 *
 * <p>Not thread-safe: filled by the thread writing the call's spans before it is handed over; the
 * processor's queue publishes it to the exporting thread.
 */
final class RecordedSpan implements ReadableSpan, SpanData {
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final String name;
  private final SpanKind kind;
  private final SpanContext context;
  private final SpanContext parent;
  private final long startEpochNanos;
  private final long endEpochNanos;
  private final SpanAttributes attributes = new SpanAttributes(8);
  private List<EventData> events = List.of();
  private StatusData status = StatusData.unset();

  RecordedSpan(Resource resource, InstrumentationScopeInfo scope, String name, SpanKind kind, SpanContext context,
      SpanContext parent, long startEpochNanos, long endEpochNanos) {
    this.resource = resource;
    this.scope = scope;
    this.name = name;
    this.kind = kind;
    this.context = context;
    this.parent = parent;
    this.startEpochNanos = startEpochNanos;
    this.endEpochNanos = endEpochNanos;
  }

  /** The span's attributes, to set while it is being written. */
  SpanAttributes attributes() {
    return attributes;
  }

  void event(EventData event) {
    if (events.isEmpty()) {
      events = new ArrayList<>(4);
    }
    events.add(event);
  }

  void status(StatusData status) {
    this.status = status;
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
  public SpanContext getSpanContext() {
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
    return true;
  }

  @Override
  public long getLatencyNanos() {
    return endEpochNanos - startEpochNanos;
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
    return scope;
  }

  @Override
  @SuppressWarnings("deprecation") // both interfaces still declare it abstract
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
  }

  @Override
  public Resource getResource() {
    return resource;
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
