package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/**
 * Encodes spans for an OTLP {@code ExportTraceServiceRequest} (opentelemetry/proto/collector/trace/v1),
 * the same message the SDK's marshaler writes: each span on its own ({@link #spanField}, as it ends)
 * with its ids, times, kind, attributes, events, links, status and flags (W3C trace flags plus
 * whether the parent is remote), and the resource and scope around them once ({@link #frame}).
 *
 * <p>Why by hand and not the SDK's marshaler: profiled under the bench's load (every call traced,
 * 16 connections, JFR), the SDK's marshaler was most of what tracing adds per call: it sizes the
 * whole request on the batch thread (grouping spans in maps, a UTF-8 size for every string, the
 * sizes kept in a hash map) and then writes it on the HTTP thread, looking each size up again —
 * 14 µs of CPU a call (4.9 µs sizing, 9.4 µs writing and sending) of the 20 µs tracing added.
 * This writes each byte once ({@link ProtoWriter}); see docs/benchmarks.md, Tracing, for the
 * figures before and after. {@code OtlpEncodingTest} holds it to the SDK's own marshaler: both
 * requests decode to equal messages with the OTLP protobuf classes.
 *
 * <p>A request carries the spans of one resource and scope, the proxy's ({@link RequestFrame}). Not
 * thread-safe.
 */
final class TraceRequestEncoder {
  private static final int RESOURCE_SPANS_RESOURCE = 1;
  private static final int RESOURCE_SPANS_SCHEMA_URL = 3;
  private static final int RESOURCE_ATTRIBUTES = 1;
  private static final int SCOPE_SPANS_SCOPE = 1;
  private static final int SCOPE_SPANS_SPANS = 2;
  private static final int SCOPE_SPANS_SCHEMA_URL = 3;
  private static final int SCOPE_NAME = 1;
  private static final int SCOPE_VERSION = 2;
  private static final int SCOPE_ATTRIBUTES = 3;
  private static final int SPAN_TRACE_ID = 1;
  private static final int SPAN_SPAN_ID = 2;
  private static final int SPAN_TRACE_STATE = 3;
  private static final int SPAN_PARENT_SPAN_ID = 4;
  private static final int SPAN_NAME = 5;
  private static final int SPAN_KIND = 6;
  private static final int SPAN_START = 7;
  private static final int SPAN_END = 8;
  private static final int SPAN_ATTRIBUTES = 9;
  private static final int SPAN_DROPPED_ATTRIBUTES = 10;
  private static final int SPAN_EVENTS = 11;
  private static final int SPAN_DROPPED_EVENTS = 12;
  private static final int SPAN_LINKS = 13;
  private static final int SPAN_DROPPED_LINKS = 14;
  private static final int SPAN_STATUS = 15;
  private static final int SPAN_FLAGS = 16;
  private static final int EVENT_TIME = 1;
  private static final int EVENT_NAME = 2;
  private static final int EVENT_ATTRIBUTES = 3;
  private static final int EVENT_DROPPED_ATTRIBUTES = 4;
  private static final int LINK_TRACE_ID = 1;
  private static final int LINK_SPAN_ID = 2;
  private static final int LINK_TRACE_STATE = 3;
  private static final int LINK_ATTRIBUTES = 4;
  private static final int LINK_DROPPED_ATTRIBUTES = 5;
  private static final int LINK_FLAGS = 6;
  private static final int STATUS_MESSAGE = 2;
  private static final int STATUS_CODE = 3;
  /** SpanFlags in trace.proto: the parent's remoteness is known, and it is remote. */
  private static final int HAS_IS_REMOTE = 0x100;
  private static final int IS_REMOTE = 0x200;
  /** Reserved length bytes: a span fits 16 KB unless it carries content. */
  private static final int SPAN_RESERVE = 2;

  /** What an encoder of single spans keeps between spans; one with captured content grows it once. */
  private static final int SPAN_BUFFER = 16 * 1024;

  private final ProtoWriter out;
  private final AttributeWriter attributes;

  private TraceRequestEncoder(int capacity) {
    out = new ProtoWriter(capacity);
    attributes = new AttributeWriter(out);
  }

  /** An encoder of single spans ({@link #spanField}), as each recording thread keeps one. */
  static TraceRequestEncoder forSpans() {
    return new TraceRequestEncoder(SPAN_BUFFER);
  }

  /**
   * {@code span} as one entry of a request's spans (the {@code spans} field of its
   * {@code ScopeSpans}: tag, length, {@code Span} message), in this encoder's writer: valid until the
   * next call. The spans of a request are these entries one after the other ({@link SpanQueue}).
   */
  ProtoWriter spanField(SpanData span) {
    out.shrink(SPAN_BUFFER);
    int mark = out.begin(SCOPE_SPANS_SPANS, SPAN_RESERVE);
    spanFields(span);
    out.end(mark);
    return out;
  }

  /** What goes before and after the spans of every request for this resource and scope. */
  RequestFrame frame(Resource resource, InstrumentationScopeInfo scope) {
    out.reset();
    int resourceMark = out.begin(RESOURCE_SPANS_RESOURCE, SPAN_RESERVE);
    attributes.write(RESOURCE_ATTRIBUTES, resource.getAttributes());
    out.end(resourceMark);
    byte[] resourceField = out.toByteArray();
    out.reset();
    int scopeMark = out.begin(SCOPE_SPANS_SCOPE, 1);
    string(SCOPE_NAME, scope.getName());
    string(SCOPE_VERSION, scope.getVersion());
    attributes.write(SCOPE_ATTRIBUTES, scope.getAttributes());
    out.end(scopeMark);
    byte[] scopeField = out.toByteArray();
    out.reset();
    string(SCOPE_SPANS_SCHEMA_URL, scope.getSchemaUrl());
    byte[] scopeSchema = out.toByteArray();
    out.reset();
    string(RESOURCE_SPANS_SCHEMA_URL, resource.getSchemaUrl());
    byte[] resourceSchema = out.toByteArray();
    out.reset();
    return new RequestFrame(resourceField, scopeField, scopeSchema, resourceSchema);
  }

  private void spanFields(SpanData span) {
    SpanContext context = span.getSpanContext();
    if (context instanceof NumericIds ids) {
      out.idField(SPAN_TRACE_ID, ids.traceIdHigh(), ids.traceIdLow());
      out.idField(SPAN_SPAN_ID, ids.spanIdValue());
    } else {
      out.hexBytesField(SPAN_TRACE_ID, context.getTraceId());
      out.hexBytesField(SPAN_SPAN_ID, context.getSpanId());
    }
    traceState(SPAN_TRACE_STATE, context.getTraceState());
    SpanContext parent = span.getParentSpanContext();
    if (parent instanceof NumericIds ids) {
      out.idField(SPAN_PARENT_SPAN_ID, ids.spanIdValue());
    } else if (parent.isValid()) {
      out.hexBytesField(SPAN_PARENT_SPAN_ID, parent.getSpanId());
    }
    string(SPAN_NAME, span.getName());
    out.varintField(SPAN_KIND, kind(span.getKind()));
    out.fixed64Field(SPAN_START, span.getStartEpochNanos());
    out.fixed64Field(SPAN_END, span.getEndEpochNanos());
    Attributes spanAttributes = span.getAttributes();
    attributes.write(SPAN_ATTRIBUTES, spanAttributes);
    nonZero(SPAN_DROPPED_ATTRIBUTES, span.getTotalAttributeCount() - spanAttributes.size());
    List<EventData> events = span.getEvents();
    for (EventData event : events) {
      event(event);
    }
    nonZero(SPAN_DROPPED_EVENTS, span.getTotalRecordedEvents() - events.size());
    List<LinkData> links = span.getLinks();
    for (LinkData link : links) {
      link(link);
    }
    nonZero(SPAN_DROPPED_LINKS, span.getTotalRecordedLinks() - links.size());
    status(span.getStatus());
    out.fixed32Field(SPAN_FLAGS, flags(context, parent.isRemote()));
  }

  private void event(EventData event) {
    int mark = out.begin(SPAN_EVENTS, SPAN_RESERVE);
    out.fixed64Field(EVENT_TIME, event.getEpochNanos());
    string(EVENT_NAME, event.getName());
    Attributes eventAttributes = event.getAttributes();
    attributes.write(EVENT_ATTRIBUTES, eventAttributes);
    nonZero(EVENT_DROPPED_ATTRIBUTES, event.getTotalAttributeCount() - eventAttributes.size());
    out.end(mark);
  }

  private void link(LinkData link) {
    int mark = out.begin(SPAN_LINKS, 1);
    SpanContext context = link.getSpanContext();
    out.hexBytesField(LINK_TRACE_ID, context.getTraceId());
    out.hexBytesField(LINK_SPAN_ID, context.getSpanId());
    traceState(LINK_TRACE_STATE, context.getTraceState());
    Attributes linkAttributes = link.getAttributes();
    attributes.write(LINK_ATTRIBUTES, linkAttributes);
    nonZero(LINK_DROPPED_ATTRIBUTES, link.getTotalAttributeCount() - linkAttributes.size());
    out.fixed32Field(LINK_FLAGS, flags(context, context.isRemote()));
    out.end(mark);
  }

  /** Always written, as the SDK does: an unset status is an empty message. */
  private void status(StatusData status) {
    int mark = out.begin(SPAN_STATUS, 1);
    string(STATUS_MESSAGE, status.getDescription());
    int code = switch (status.getStatusCode()) {
      case UNSET -> 0;
      case OK -> 1;
      case ERROR -> 2;
    };
    if (code != 0) {
      out.varintField(STATUS_CODE, code);
    }
    out.end(mark);
  }

  private static int kind(SpanKind kind) {
    return switch (kind) {
      case INTERNAL -> 1;
      case SERVER -> 2;
      case CLIENT -> 3;
      case PRODUCER -> 4;
      case CONSUMER -> 5;
    };
  }

  private static int flags(SpanContext context, boolean remote) {
    return (context.getTraceFlags().asByte() & 0xFF) | HAS_IS_REMOTE | (remote ? IS_REMOTE : 0);
  }

  /** W3C tracestate text, as the SDK writes it; omitted when empty. */
  private void traceState(int field, TraceState state) {
    if (state.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    state.forEach((key, value) -> (text.length() == 0 ? text : text.append(',')).append(key).append('=').append(value));
    out.stringField(field, text.toString());
  }

  /** A string field, left out when null or empty (proto3's default). */
  private void string(int field, String value) {
    if (value != null && !value.isEmpty()) {
      out.stringField(field, value);
    }
  }

  private void nonZero(int field, int count) {
    if (count != 0) {
      out.varintField(field, count);
    }
  }
}
