package dev.spillway.proxy.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the events of one {@code streamGenerateContent?alt=sse} stream (each a partial
 * {@code GenerateContentResponse}) into OpenAI {@code chat.completion.chunk}s. Stateful and not
 * thread-safe: one per stream (stream callbacks never run concurrently).
 *
 * <p>Gemini sends each function call whole, so one call becomes one tool-call delta carrying its
 * id, name and all its arguments. The stream has no end marker: it is over once a candidate has a
 * finishReason, and the connection closing before that is a cut.
 */
final class GeminiStreamTranslator {
  private final GeminiResponseTranslator responses;
  private final String model;
  private final boolean includeUsage;
  private ObjectNode header;
  private JsonNode usage;
  private int toolCalls;
  private boolean finished;

  GeminiStreamTranslator(GeminiResponseTranslator responses, String model, boolean includeUsage) {
    this.responses = responses;
    this.model = model;
    this.includeUsage = includeUsage;
  }

  /**
   * The chunks one event yields.
   *
   * @throws dev.spillway.proxy.providers.ProviderFailure content policy for a blocked prompt or answer
   */
  List<ObjectNode> onEvent(JsonNode event) {
    List<ObjectNode> chunks = new ArrayList<>();
    if (header == null) {
      header = responses.header(event, model, "chat.completion.chunk");
      chunks.add(chunk(delta().put("role", "assistant").put("content", ""), null));
    }
    if (event.has("usageMetadata")) {
      usage = event.get("usageMetadata");
    }
    JsonNode candidate = responses.firstCandidate(event);
    ObjectNode message = responses.answer(candidate).message();
    if (message.has("reasoning_content")) {
      ObjectNode delta = delta();
      delta.set("reasoning_content", message.get("reasoning_content"));
      delta.set("thinking_blocks", message.get("thinking_blocks"));
      chunks.add(chunk(delta, null));
    }
    if (!message.path("content").asText("").isEmpty()) {
      chunks.add(chunk(delta().put("content", message.get("content").asText()), null));
    }
    for (JsonNode call : message.path("tool_calls")) {
      ObjectNode delta = delta();
      ObjectNode tool = ((ObjectNode) call.deepCopy()).put("index", toolCalls++);
      delta.putArray("tool_calls").add(tool);
      chunks.add(chunk(delta, null));
    }
    String finish = candidate.path("finishReason").asText(null);
    if (finish != null) {
      finished = true;
      chunks.add(chunk(delta(), GeminiResponseTranslator.finishReason(finish, toolCalls > 0)));
      if (includeUsage) {
        chunks.add(usageChunk());
      }
    }
    return chunks;
  }

  /** Whether a candidate finished: the only clean end of a Gemini stream. */
  boolean finished() {
    return finished;
  }

  private ObjectNode delta() {
    return header.objectNode();
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = header.deepCopy();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    return chunk;
  }

  private ObjectNode usageChunk() {
    ObjectNode chunk = header.deepCopy();
    chunk.putArray("choices");
    chunk.set("usage", responses.usage(usage == null ? header.objectNode() : usage));
    return chunk;
  }
}
