package dev.spillway.proxy.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * What one attempt's upstream said about itself, gathered from a plain completion body or from
 * stream chunks as they pass: response id and model, finish reasons, usage, and (only when content
 * capture is on) the generated text.
 */
final class ResponseFacts {
  private final boolean captureContent;
  private final StringBuilder content;
  private String id;
  private String model;
  private final List<String> finishReasons = new ArrayList<>(1);
  private Usage usage = Usage.NONE;

  ResponseFacts(boolean captureContent) {
    this.captureContent = captureContent;
    this.content = captureContent ? new StringBuilder() : null;
  }

  void absorb(ObjectNode bodyOrChunk) {
    if (id == null) {
      id = bodyOrChunk.path("id").textValue();
    }
    if (model == null) {
      model = bodyOrChunk.path("model").textValue();
    }
    for (JsonNode choice : bodyOrChunk.path("choices")) {
      String reason = choice.path("finish_reason").textValue();
      if (reason != null) {
        finishReasons.add(reason);
      }
      if (captureContent) {
        JsonNode text = choice.has("message") ? choice.path("message").path("content") : choice.path("delta").path("content");
        if (text.isTextual()) {
          content.append(text.textValue());
        }
      }
    }
    JsonNode usageNode = bodyOrChunk.get("usage");
    if (usageNode != null && usageNode.isObject()) {
      usage = Usage.fromOpenAi(usageNode);
    }
  }

  void absorb(ChunkFacts chunk) {
    if (id == null) {
      id = chunk.id();
    }
    if (model == null) {
      model = chunk.model();
    }
    for (ChunkFacts.Choice choice : chunk.choices()) {
      if (choice.finishReason() != null) {
        finishReasons.add(choice.finishReason());
      }
      if (captureContent && choice.content() != null) {
        content.append(choice.content());
      }
    }
    if (chunk.usage() != null) {
      usage = chunk.usage();
    }
  }

  String id() {
    return id;
  }

  String model() {
    return model;
  }

  List<String> finishReasons() {
    return List.copyOf(finishReasons);
  }

  Usage usage() {
    return usage;
  }

  /** null unless content capture is on. */
  String content() {
    return content == null ? null : content.toString();
  }
}
