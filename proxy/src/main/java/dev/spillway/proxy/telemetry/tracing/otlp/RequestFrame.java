package dev.spillway.proxy.telemetry.tracing.otlp;

/**
 * What surrounds the spans of an OTLP {@code ExportTraceServiceRequest} of one resource and one
 * scope: the request's one {@code ResourceSpans} (its resource, its one {@code ScopeSpans} with the
 * scope, the spans, the scope's schema URL; the resource's schema URL). The proxy's spans all share
 * its resource and scope, so everything but the two lengths is encoded once
 * ({@link TraceRequestEncoder#frame}) and a request is its queued spans as they are, between a head
 * made for their length and this tail ({@link EncodedRequest}).
 */
final class RequestFrame {
  private static final int REQUEST_RESOURCE_SPANS = 1;
  private static final int RESOURCE_SPANS_SCOPE_SPANS = 2;

  private final byte[] resourceField;
  private final byte[] scopeField;
  private final byte[] scopeSchema;
  private final byte[] tail;

  /**
   * @param resourceField the resource, as the {@code resource} field of {@code ResourceSpans}
   * @param scopeField the scope, as the {@code scope} field of {@code ScopeSpans}
   * @param scopeSchema the scope's {@code schema_url} field (empty if none)
   * @param resourceSchema the resource's {@code schema_url} field (empty if none)
   */
  RequestFrame(byte[] resourceField, byte[] scopeField, byte[] scopeSchema, byte[] resourceSchema) {
    this.resourceField = resourceField;
    this.scopeField = scopeField;
    this.scopeSchema = scopeSchema;
    this.tail = new byte[scopeSchema.length + resourceSchema.length];
    System.arraycopy(scopeSchema, 0, tail, 0, scopeSchema.length);
    System.arraycopy(resourceSchema, 0, tail, scopeSchema.length, resourceSchema.length);
  }

  /** The request carrying the spans {@code spans} holds, one {@code spans} field each, read from its buffer. */
  EncodedRequest around(ProtoWriter spans) {
    int scopeSpans = scopeField.length + spans.size() + scopeSchema.length;
    int resourceSpans = resourceField.length + 1 + ProtoWriter.varintSize(scopeSpans) + scopeSpans
        + tail.length - scopeSchema.length;
    ProtoWriter head = new ProtoWriter(resourceField.length + scopeField.length + 12);
    head.tag(REQUEST_RESOURCE_SPANS, ProtoWriter.LENGTH_DELIMITED);
    head.varint(resourceSpans);
    head.bytes(resourceField);
    head.tag(RESOURCE_SPANS_SCOPE_SPANS, ProtoWriter.LENGTH_DELIMITED);
    head.varint(scopeSpans);
    head.bytes(scopeField);
    return spans.framed(head.toByteArray(), tail);
  }
}
