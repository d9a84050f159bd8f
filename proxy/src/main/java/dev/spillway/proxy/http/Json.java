package dev.spillway.proxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.passthrough.SplicedObject;

/** The proxy's one ObjectMapper (thread-safe once configured), shared with the provider adapters. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** The node's JSON; an object read from bytes is spliced from them ({@link SplicedObject}). */
  public static byte[] bytes(JsonNode node) {
    if (node instanceof SplicedObject object) {
      return SplicedObject.bytes(object, MAPPER);
    }
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
