package dev.spillway.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.TranslatedStream;
import dev.spillway.proxy.providers.http.ByteStreamHandler;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Decodes a ConverseStream body — AWS event-stream frames (length-prefixed, CRC-checked, with
 * typed headers), decoded by the SDK's {@link MessageDecoder} — and hands each event's type and
 * JSON payload to the stream; an exception frame ends the stream with its failure.
 */
final class EventStreamFrames implements ByteStreamHandler {
  private final ObjectMapper mapper;
  private final TranslatedStream stream;
  private final BiFunction<String, JsonNode, ProviderFailure> exceptions;
  private final UnaryOperator<byte[]> scrub;
  private final MessageDecoder decoder = new MessageDecoder(this::onMessage);

  /**
   * @param exceptions an exception frame's {@code :exception-type} and payload as a failure
   * @param scrub masks known secrets in a decoded payload, before anything reads it
   */
  EventStreamFrames(
      ObjectMapper mapper,
      TranslatedStream stream,
      BiFunction<String, JsonNode, ProviderFailure> exceptions,
      UnaryOperator<byte[]> scrub) {
    this.mapper = mapper;
    this.stream = stream;
    this.exceptions = exceptions;
    this.scrub = scrub;
  }

  @Override
  public void onOpen(HttpHeaders headers) {
    stream.onOpen(headers);
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    try {
      decoder.feed(bytes);
    } catch (RuntimeException corrupt) {
      // A bad prelude or checksum: nothing after it can be trusted.
      stream.fail(ProviderFailure.protocol("bedrock sent a corrupt event-stream frame"));
    }
  }

  private void onMessage(Message message) {
    String messageType = header(message, ":message-type");
    JsonNode payload;
    try {
      payload = message.getPayload().length == 0
          ? mapper.createObjectNode()
          : mapper.readTree(scrub.apply(message.getPayload()));
    } catch (IOException notJson) {
      stream.fail(ProviderFailure.protocol("bedrock sent an event whose payload is not JSON"));
      return;
    }
    if ("event".equals(messageType)) {
      stream.onEvent(header(message, ":event-type"), payload);
    } else {
      String type = "exception".equals(messageType) ? header(message, ":exception-type") : header(message, ":error-code");
      stream.fail(exceptions.apply(type == null ? "InternalServerException" : type, payload));
    }
  }

  private static String header(Message message, String name) {
    HeaderValue value = message.getHeaders().get(name);
    return value == null ? null : value.getString();
  }

  @Override
  public void onEnd() {
    stream.onEnd();
  }

  @Override
  public void onHttpError(int status, HttpHeaders headers, byte[] body) {
    stream.onHttpError(status, headers, body);
  }

  @Override
  public void onFailure(ProviderFailure failure) {
    stream.onFailure(failure);
  }
}
