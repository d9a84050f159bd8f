package dev.spillway.proxy.video;

import dev.spillway.proxy.http.ApiError;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.MultipartParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code multipart/form-data} body already read into memory (the OpenAI SDKs send video creates
 * this way), parsed with Undertow's own multipart parser.
 */
final class MultipartForm {
  /** One form field: its bytes, and for a file its content type (else null). */
  record Part(byte[] bytes, String contentType, String fileName) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final DefaultByteBufferPool POOL = new DefaultByteBufferPool(false, 8192);

  private MultipartForm() {}

  static Map<String, Part> parse(byte[] body, String contentType) {
    String boundary = Headers.extractQuotedValueFromHeader(contentType, "boundary");
    if (boundary == null || boundary.isEmpty()) {
      throw ApiError.invalidRequest(null, "a multipart/form-data body needs a boundary in its Content-Type");
    }
    Map<String, Part> parts = new LinkedHashMap<>();
    Collector collector = new Collector(parts);
    MultipartParser.ParseState state =
        MultipartParser.beginParse(POOL, collector, boundary.getBytes(StandardCharsets.US_ASCII), "UTF-8");
    try {
      state.parse(ByteBuffer.wrap(body));
    } catch (IOException | RuntimeException e) {
      throw ApiError.invalidRequest(null, "the multipart/form-data body does not parse: " + e.getMessage());
    }
    if (!state.isComplete()) {
      throw ApiError.invalidRequest(null, "the multipart/form-data body ends before its closing boundary");
    }
    return parts;
  }

  private static final class Collector implements MultipartParser.PartHandler {
    private final Map<String, Part> parts;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private HeaderMap headers;

    Collector(Map<String, Part> parts) {
      this.parts = parts;
    }

    @Override
    public void beginPart(HeaderMap partHeaders) {
      headers = partHeaders;
      current.reset();
    }

    @Override
    public void data(ByteBuffer buffer) {
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      current.writeBytes(chunk);
    }

    @Override
    public void endPart() {
      String disposition = headers.getFirst(Headers.CONTENT_DISPOSITION);
      String name = disposition == null ? null : Headers.extractQuotedValueFromHeader(disposition, "name");
      if (name != null) {
        String fileName = Headers.extractQuotedValueFromHeader(disposition, "filename");
        parts.put(name, new Part(current.toByteArray(), headers.getFirst(Headers.CONTENT_TYPE), fileName));
      }
    }
  }
}
