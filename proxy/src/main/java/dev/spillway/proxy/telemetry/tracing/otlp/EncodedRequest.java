package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.marshal.Serializer;
import java.io.IOException;
import java.util.Arrays;

/**
 * An OTLP request already encoded, in the form the SDK's HTTP exporter sends: it asks for the size
 * (Content-Length) and then for the bytes, once per try. Only the binary form exists: the exporter
 * is never built for OTLP/JSON. The request is its spans, as they were queued
 * ({@link SpanQueue}), between the head and tail of their resource and scope ({@link RequestFrame}).
 *
 * <p>It reads the queue's own buffer, not a copy: a request of 2,048 spans is ~1.2 MB, and a copy
 * of that size is a humongous object for G1 (over half a region at the proxy's heap), which made
 * every few exports start a concurrent cycle. The buffer stays this request's until its export
 * completes ({@link HttpSpanExport}).
 */
final class EncodedRequest extends Marshaler {
  /**
   * How much is handed to the sender at a time: OkHttp's buffer (Okio) copies whatever it is given
   * into new 8 KB segments before writing any to the socket, and keeps only 64 KB of them for reuse;
   * given 64 KB at a time, the same eight segments carry the whole request. Not less: Okio arms its
   * write timeout (a lock and a queue insert) once per socket write of up to 64 KB, so pieces of that
   * size arm it no more often than one large write does.
   */
  static final int PIECE = 64 * 1024;

  private final byte[] head;
  private final byte[] buffer;
  private final int length;
  private final byte[] tail;

  EncodedRequest(byte[] head, byte[] buffer, int length, byte[] tail) {
    this.head = head;
    this.buffer = buffer;
    this.length = length;
    this.tail = tail;
  }

  @Override
  public int getBinarySerializedSize() {
    return head.length + length + tail.length;
  }

  @Override
  protected void writeTo(Serializer output) throws IOException {
    output.writeSerializedMessage(head, "");
    byte[] piece = new byte[Math.min(PIECE, length)];
    for (int at = 0; at < length; at += PIECE) {
      int n = Math.min(PIECE, length - at);
      if (n < piece.length) {
        piece = Arrays.copyOfRange(buffer, at, at + n);
      } else {
        System.arraycopy(buffer, at, piece, 0, n);
      }
      output.writeSerializedMessage(piece, "");
    }
    output.writeSerializedMessage(tail, "");
  }
}
