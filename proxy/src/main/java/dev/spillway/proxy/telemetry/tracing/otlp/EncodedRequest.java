package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.marshal.Serializer;
import java.io.IOException;

/**
 * An OTLP request already encoded ({@link TraceRequestEncoder}), in the form the SDK's HTTP
 * exporter sends: it asks for the size (Content-Length) and then for the bytes. Only the binary
 * form exists: the exporter is never built for OTLP/JSON.
 */
final class EncodedRequest extends Marshaler {
  private final byte[] bytes;

  EncodedRequest(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int getBinarySerializedSize() {
    return bytes.length;
  }

  @Override
  protected void writeTo(Serializer output) throws IOException {
    output.writeSerializedMessage(bytes, "");
  }
}
