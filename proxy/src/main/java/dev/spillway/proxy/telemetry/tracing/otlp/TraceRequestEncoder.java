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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Encodes spans as an OTLP {@code ExportTraceServiceRequest} (opentelemetry/proto/collector/trace/v1),
 * the same message the SDK's marshaler writes: one {@code ResourceSpans} per resource, one
 * {@code ScopeSpans} per instrumentation scope, every span with its ids, times, kind, attributes,
 * events, links, status and flags (W3C trace flags plus whether the parent is remote).
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
 * <p>Spans are grouped by resource and scope identity (the proxy has one of each): equal but
 * distinct instances would only make two groups, which receivers merge. Not thread-safe.
 */
final class TraceRequestEncoder {
  private static final int REQUEST_RESOURCE_SPANS = 1;
  private static final int RESOURCE_SPANS_RESOURCE = 1;
  private static final int RESOURCE_SPANS_SCOPE_SPANS = 2;
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
  /** Reserved length bytes: a span fits 16 KB unless it carries content; a group, 2 MB. */
  private static final int SPAN_RESERVE = 2;
  private static final int GROUP_RESERVE = 3;

  /** What an encoder of single spans keeps between spans; one with captured content grows it once. */
  private static final int SPAN_BUFFER = 16 * 1024;

  private final ProtoWriter out;
  private final AttributeWriter attributes;

  private TraceRequestEncoder(int capacity) {
    out = new ProtoWriter(capacity);
    attributes = new AttributeWriter(out);
  }

  /** An encoder of whole requests ({@link #encode}), as the exporter keeps one. */
  static TraceRequestEncoder forRequests() {
    return new TraceRequestEncoder(64 * 1024);
  }

  /** An encoder of single spans ({@link #encodeSpan}), as each recording thread keeps one. */
  static TraceRequestEncoder forSpans() {
    return new TraceRequestEncoder(SPAN_BUFFER);
  }

  /**
   * The request carrying {@code spans}, in this encoder's buffer: valid until the next call, so an
   * encoder is not used again while a request it made may still be sent ({@link OtlpHttpTraceExporter}).
   */
  EncodedRequest encode(Collection<SpanData> spans) {
    out.reset();
    for (Group resource : group(spans)) {
      int resourceSpans = out.begin(REQUEST_RESOURCE_SPANS, GROUP_RESERVE);
      int resourceMark = out.begin(RESOURCE_SPANS_RESOURCE, SPAN_RESERVE);
      attributes.write(RESOURCE_ATTRIBUTES, resource.resource.getAttributes());
      out.end(resourceMark);
      for (Group scope : resource.children) {
        scopeSpans(scope);
      }
      string(RESOURCE_SPANS_SCHEMA_URL, resource.resource.getSchemaUrl());
      out.end(resourceSpans);
    }
    return out.written();
  }

  private void scopeSpans(Group group) {
    int scopeSpans = out.begin(RESOURCE_SPANS_SCOPE_SPANS, GROUP_RESERVE);
    InstrumentationScopeInfo scope = group.scope;
    int scopeMark = out.begin(SCOPE_SPANS_SCOPE, 1);
    string(SCOPE_NAME, scope.getName());
    string(SCOPE_VERSION, scope.getVersion());
    attributes.write(SCOPE_ATTRIBUTES, scope.getAttributes());
    out.end(scopeMark);
    for (SpanData span : group.spans) {
      span(span);
    }
    string(SCOPE_SPANS_SCHEMA_URL, scope.getSchemaUrl());
    out.end(scopeSpans);
  }

  /** A span of the request: its own encoding if it carries one ({@link EncodedSpan}), else encoded now. */
  private void span(SpanData span) {
    byte[] encoded = span instanceof EncodedSpan carried ? carried.otlpSpan() : null;
    if (encoded != null) {
      out.bytesField(SCOPE_SPANS_SPANS, encoded);
      return;
    }
    int mark = out.begin(SCOPE_SPANS_SPANS, SPAN_RESERVE);
    spanFields(span);
    out.end(mark);
  }

  /** One span's {@code Span} message alone, in an array of its own ({@link EncodedSpan}). */
  byte[] encodeSpan(SpanData span) {
    out.reset();
    spanFields(span);
    byte[] encoded = out.toByteArray();
    out.shrink(SPAN_BUFFER);
    return encoded;
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

  /** Spans by resource, then by scope, each in the order first seen. */
  private static List<Group> group(Collection<SpanData> spans) {
    List<Group> resources = new ArrayList<>(1);
    Group lastScope = null;
    for (SpanData span : spans) {
      Resource resource = span.getResource();
      InstrumentationScopeInfo scope = span.getInstrumentationScopeInfo();
      if (lastScope == null || lastScope.resource != resource || lastScope.scope != scope) {
        lastScope = Group.find(resources, resource, null, 0).child(resource, scope, spans.size());
      }
      lastScope.spans.add(span);
    }
    return resources;
  }

  /** A resource's scopes, or a scope's spans. */
  private static final class Group {
    final Resource resource;
    final InstrumentationScopeInfo scope;
    final List<Group> children = new ArrayList<>(1);
    final List<SpanData> spans;

    private Group(Resource resource, InstrumentationScopeInfo scope, int spans) {
      this.resource = resource;
      this.scope = scope;
      this.spans = new ArrayList<>(spans);
    }

    /**
     * The group of this resource and scope, made if new with room for {@code spans} spans: a scope's
     * group is made with room for the whole request (the proxy's requests have one), so it never grows.
     */
    static Group find(List<Group> groups, Resource resource, InstrumentationScopeInfo scope, int spans) {
      for (Group group : groups) {
        if (group.resource == resource && group.scope == scope) {
          return group;
        }
      }
      Group group = new Group(resource, scope, spans);
      groups.add(group);
      return group;
    }

    Group child(Resource resource, InstrumentationScopeInfo scope, int spans) {
      return find(children, resource, scope, spans);
    }
  }
}
