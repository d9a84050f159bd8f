package dev.spillway.proxy.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.features.Reasoning;

/**
 * Builds a Gemini {@code generateContent} request from an OpenAI chat-completions request. The
 * model goes in the URL, not the body. Fields Gemini cannot honour at all (n &gt; 1, non-function
 * tools) fail as a 400 rather than answer a different question; {@code cache_control} markers are
 * dropped, since Gemini caches implicitly (and reports the cached share in its usage).
 */
final class GeminiRequestTranslator {
  private final ObjectMapper mapper;
  private final GeminiContents contents;

  GeminiRequestTranslator(ObjectMapper mapper) {
    this.mapper = mapper;
    this.contents = new GeminiContents(mapper);
  }

  /** @throws IllegalArgumentException naming what cannot be expressed */
  ObjectNode translate(JsonNode request) {
    if (request.path("n").asInt(1) != 1) {
      throw new IllegalArgumentException("n must be 1: Spillway asks Gemini for a single candidate");
    }
    GeminiContents.Converted converted = contents.convert(request.path("messages"));
    ObjectNode body = mapper.createObjectNode();
    if (converted.system() != null) {
      body.set("systemInstruction", converted.system());
    }
    body.set("contents", converted.contents());
    addTools(request, body);
    ObjectNode config = generationConfig(request);
    if (!config.isEmpty()) {
      body.set("generationConfig", config);
    }
    return body;
  }

  private ObjectNode generationConfig(JsonNode request) {
    ObjectNode config = mapper.createObjectNode();
    copyNumber(request, "temperature", config, "temperature");
    copyNumber(request, "top_p", config, "topP");
    copyNumber(request, "top_k", config, "topK");
    copyNumber(request, "seed", config, "seed");
    copyNumber(request, "presence_penalty", config, "presencePenalty");
    copyNumber(request, "frequency_penalty", config, "frequencyPenalty");
    JsonNode max = request.path("max_completion_tokens").isNumber()
        ? request.get("max_completion_tokens") : request.path("max_tokens");
    if (max.isNumber()) {
      config.set("maxOutputTokens", max);
    }
    JsonNode stop = request.path("stop");
    if (stop.isTextual()) {
      config.putArray("stopSequences").add(stop.asText());
    } else if (stop.isArray() && !stop.isEmpty()) {
      config.set("stopSequences", stop);
    }
    JsonNode format = request.path("response_format");
    switch (format.path("type").asText()) {
      case "json_object" -> config.put("responseMimeType", "application/json");
      case "json_schema" -> {
        config.put("responseMimeType", "application/json");
        config.set("responseJsonSchema", format.path("json_schema").path("schema"));
      }
      default -> {}
    }
    int budget = Reasoning.budget(request);
    if (budget >= 0) {
      // Thoughts are asked for so they can reach the client as reasoning_content, as from Anthropic.
      config.putObject("thinkingConfig").put("thinkingBudget", budget).put("includeThoughts", budget > 0);
    }
    return config;
  }

  private static void copyNumber(JsonNode request, String from, ObjectNode config, String to) {
    if (request.path(from).isNumber()) {
      config.set(to, request.get(from));
    }
  }

  private void addTools(JsonNode request, ObjectNode body) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return;
    }
    ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
    for (JsonNode tool : tools) {
      if (!"function".equals(tool.path("type").asText())) {
        throw new IllegalArgumentException("unsupported tool type: " + tool.path("type").asText());
      }
      JsonNode function = tool.path("function");
      ObjectNode declaration = declarations.addObject().put("name", function.path("name").asText());
      if (function.path("description").isTextual()) {
        declaration.set("description", function.get("description"));
      }
      if (function.path("parameters").isObject()) {
        // The JSON-schema field, not the OpenAPI-subset "parameters": OpenAI tools are JSON schema.
        declaration.set("parametersJsonSchema", function.get("parameters"));
      }
    }
    JsonNode choice = request.path("tool_choice");
    if (choice.isMissingNode() || choice.isNull()) {
      return;
    }
    ObjectNode calling = body.putObject("toolConfig").putObject("functionCallingConfig");
    switch (choice.isTextual() ? choice.asText() : choice.path("type").asText()) {
      case "auto" -> calling.put("mode", "AUTO");
      case "none" -> calling.put("mode", "NONE");
      case "required" -> calling.put("mode", "ANY");
      case "function" -> calling
          .put("mode", "ANY")
          .putArray("allowedFunctionNames")
          .add(choice.path("function").path("name").asText());
      default -> throw new IllegalArgumentException("unsupported tool_choice: " + choice);
    }
  }
}
