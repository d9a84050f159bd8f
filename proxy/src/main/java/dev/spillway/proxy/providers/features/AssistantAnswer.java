package dev.spillway.proxy.providers.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Collects a native answer's text, reasoning and tool calls, and writes the OpenAI
 * {@code chat.completion} every adapter returns: content (null when the answer is only tool
 * calls), {@code tool_calls}, and the reasoning as LiteLLM carries it ({@code reasoning_content}
 * and {@code thinking_blocks} with their signatures).
 */
public final class AssistantAnswer {
  private final ObjectMapper mapper;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final ArrayNode thinkingBlocks;
  private final ArrayNode toolCalls;

  public AssistantAnswer(ObjectMapper mapper) {
    this.mapper = mapper;
    this.thinkingBlocks = mapper.createArrayNode();
    this.toolCalls = mapper.createArrayNode();
  }

  public void text(String more) {
    text.append(more);
  }

  /** A thinking block; its text also joins {@code reasoning_content}. */
  public void thinking(String thought, String signature) {
    reasoning.append(thought);
    ObjectNode block = thinkingBlocks.addObject().put("type", "thinking").put("thinking", thought);
    if (signature != null) {
      block.put("signature", signature);
    }
  }

  /** Reasoning the provider withheld, kept opaque so it can be sent back. */
  public void redactedThinking(String data) {
    thinkingBlocks.addObject().put("type", "redacted_thinking").put("data", data);
  }

  /** @param arguments the arguments as a JSON text */
  public void toolCall(String id, String name, String arguments) {
    toolCalls.addObject().put("id", id).put("type", "function")
        .putObject("function").put("name", name).put("arguments", arguments);
  }

  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }

  /** The assistant message. */
  public ObjectNode message() {
    ObjectNode message = mapper.createObjectNode().put("role", "assistant");
    if (text.isEmpty() && !toolCalls.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (!toolCalls.isEmpty()) {
      message.set("tool_calls", toolCalls);
    }
    if (!thinkingBlocks.isEmpty()) {
      message.put("reasoning_content", reasoning.toString());
      message.set("thinking_blocks", thinkingBlocks);
    }
    return message;
  }

  /** The whole {@code chat.completion} with one choice. */
  public ObjectNode completion(String id, String model, long created, String finishReason, ObjectNode usage) {
    ObjectNode body = mapper.createObjectNode()
        .put("id", id)
        .put("object", "chat.completion")
        .put("created", created)
        .put("model", model);
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.set("message", message());
    choice.put("finish_reason", finishReason);
    body.set("usage", usage);
    return body;
  }
}
