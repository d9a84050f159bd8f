package dev.spillway.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One system under test as the load sees it: where to send the chat call and with which headers.
 * The body is the same for every system.
 */
public record Target(String name, int port, String path, Map<String, String> headers) {
  public static final String BODY =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"max_tokens\":16}";

  public Target {
    headers = new LinkedHashMap<>(headers);
  }

  /** The same target asking for another logical model (Spillway's failover scenarios). */
  public Target withModel(String label, String model) {
    return withHeader("x-bench-model", model).renamed(label);
  }

  public Target renamed(String label) {
    return new Target(label, port, path, headers);
  }

  public Target onPort(int otherPort) {
    return new Target(name, otherPort, path, headers);
  }

  public Target withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Target(this.name, port, path, more);
  }

  /**
   * The same target asking for a stream of {@code tokens} chunks (max_tokens; the mock sends the
   * first at once), e.g. for wrk's warm-up of the streaming path.
   */
  public Target streaming(int tokens) {
    return withHeader("x-bench-stream-tokens", Integer.toString(tokens));
  }

  /** The same target sending a prompt of another size ({@link Prompts#SIZES}). */
  public Target withPrompt(String size) {
    return withHeader("x-bench-prompt", size);
  }

  /**
   * The request body: the prompt of the size asked for, the model swapped when the target names
   * another one, streaming when asked.
   */
  public String body() {
    String model = headers.get("x-bench-model");
    String prompt = headers.get("x-bench-prompt");
    String base = prompt == null ? BODY : Prompts.request(prompt);
    String body = model == null ? base : base.replace("gpt-4o-mini", model);
    String tokens = headers.get("x-bench-stream-tokens");
    return tokens == null ? body : body.replace("\"max_tokens\":16", "\"max_tokens\":" + tokens + ",\"stream\":true");
  }

  /** A whole HTTP/1.1 request, encoded once and written as is on every call. */
  public byte[] encodedRequest() {
    return encode(false);
  }

  /**
   * The same request asking the server to close the connection after its answer: a stream's end is
   * then the end of the connection, and the server, not the load generator, keeps the TIME_WAIT.
   */
  public byte[] encodedClosingRequest() {
    return encode(true);
  }

  private byte[] encode(boolean close) {
    byte[] body = body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder()
        .append("POST ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Content-Type: application/json\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    headers.forEach((name, value) -> {
      if (!name.startsWith("x-bench-")) {
        head.append(name).append(": ").append(value).append("\r\n");
      }
    });
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  /** Headers for wrk's Lua script and the JDK client (the x-bench ones are ours, not sent). */
  public Map<String, String> wireHeaders() {
    Map<String, String> wire = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      if (!name.startsWith("x-bench-")) {
        wire.put(name, value);
      }
    });
    wire.put("Content-Type", "application/json");
    return wire;
  }
}
