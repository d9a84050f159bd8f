package dev.spillway.proxy.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.MultipartParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A {@code multipart/form-data} body (audio uploads) as the JSON object the call path carries:
 * each text field by its name, the file as {@code file} (base64), {@code filename} and
 * {@code file_content_type}. Parsed with Undertow's multipart parser from the bytes already read
 * within the body limit.
 */
final class MultipartForm {
  /** Small buffers: the parser only stages header bytes in them. */
  private static final DefaultByteBufferPool BUFFERS = new DefaultByteBufferPool(false, 1024, 16, 4);

  private MultipartForm() {}

  static ObjectNode parse(String contentType, byte[] body) {
    String boundary = contentType == null ? null : Headers.extractQuotedValueFromHeader(contentType, "boundary");
    if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data") || boundary == null) {
      throw ApiError.invalidRequest(null, "The request body must be multipart/form-data with a boundary");
    }
    ObjectNode form = Json.MAPPER.createObjectNode();
    MultipartParser.ParseState state = MultipartParser.beginParse(BUFFERS, new MultipartParser.PartHandler() {
      private HeaderMap headers;
      private final ByteArrayOutputStream data = new ByteArrayOutputStream();

      @Override
      public void beginPart(HeaderMap partHeaders) {
        headers = partHeaders;
        data.reset();
      }

      @Override
      public void data(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        data.writeBytes(bytes);
      }

      @Override
      public void endPart() {
        String disposition = headers.getFirst(Headers.CONTENT_DISPOSITION);
        String name = disposition == null ? null : Headers.extractQuotedValueFromHeader(disposition, "name");
        String filename = disposition == null ? null : Headers.extractQuotedValueFromHeader(disposition, "filename");
        if (name == null) {
          return;
        }
        if (filename != null) {
          form.put(name, Base64.getEncoder().encodeToString(data.toByteArray()));
          form.put("filename", filename);
          String type = headers.getFirst(Headers.CONTENT_TYPE);
          form.put("file_content_type", type != null ? type : "application/octet-stream");
        } else {
          form.put(name, data.toString(StandardCharsets.UTF_8));
        }
      }
    }, boundary.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8.name());
    try {
      state.parse(ByteBuffer.wrap(body));
    } catch (IOException e) {
      throw ApiError.invalidRequest(null, "The multipart body could not be parsed: " + e.getMessage());
    }
    if (!state.isComplete()) {
      throw ApiError.invalidRequest(null, "The multipart body ends before its closing boundary");
    }
    return form;
  }
}
