package dev.spillway.proxy.providers.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * Bedrock Converse bodies in the shapes AWS documents, and ConverseStream bodies as real AWS
 * event-stream frames, encoded by the SDK's own {@link Message} encoder.
 */
final class BedrockWire {
  static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  static final String CREDENTIALS = """
      [default]
      aws_access_key_id = AKIAIOSFODNN7EXAMPLE
      aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
      aws_session_token = FwoGZXIvYXdzEXAMPLETOKEN
      """;

  private final ByteArrayOutputStream frames = new ByteArrayOutputStream();

  static String response(String stopReason, String usage, String... content) {
    return """
        {"output":{"message":{"role":"assistant","content":[%s]}},"stopReason":"%s",
         "usage":%s,"metrics":{"latencyMs":412}}""".formatted(String.join(",", content), stopReason, usage);
  }

  static String usage(int input, int output, int cacheRead, int cacheWrite) {
    return """
        {"inputTokens":%d,"outputTokens":%d,"totalTokens":%d,"cacheReadInputTokens":%d,"cacheWriteInputTokens":%d}"""
        .formatted(input, output, input + output + cacheRead + cacheWrite, cacheRead, cacheWrite);
  }

  /** Appends an {@code event} frame. */
  BedrockWire event(String type, String json) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(type));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    return frame(headers, json);
  }

  /** Appends an {@code exception} frame, as AWS sends a failure after the stream started. */
  BedrockWire exception(String type, String message) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":exception-type", HeaderValue.fromString(type));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("exception"));
    return frame(headers, "{\"message\":\"" + message + "\"}");
  }

  private BedrockWire frame(Map<String, HeaderValue> headers, String json) {
    ByteBuffer encoded = new Message(headers, json.replace("\n", "").getBytes(StandardCharsets.UTF_8)).toByteBuffer();
    frames.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
    return this;
  }

  byte[] bytes() {
    return frames.toByteArray();
  }
}
