package dev.spillway.proxy.providers.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body, for upstream APIs that take files (OpenAI's video creates).
 * Hand-written: the format is a boundary and two headers per part, and no library on this
 * classpath writes it (Undertow only parses it).
 */
public final class MultipartBody {
  private final String boundary = "spillway-" + UUID.randomUUID();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  public MultipartBody field(String name, String value) {
    part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public MultipartBody file(String name, String fileName, String contentType, byte[] content) {
    part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: " + contentType + "\r\n", content);
    return this;
  }

  private void part(String headers, byte[] content) {
    bytes.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(content);
    bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public byte[] toBytes() {
    ByteArrayOutputStream done = new ByteArrayOutputStream(bytes.size() + boundary.length() + 8);
    done.writeBytes(bytes.toByteArray());
    done.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return done.toByteArray();
  }
}
