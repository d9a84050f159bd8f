package dev.spillway.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a Bedrock {@code Converse} / {@code ConverseStream} request from an OpenAI
 * chat-completions request (the model goes in the URL). What Converse cannot express fails as a
 * 400 rather than answer a different question.
 *
 * <p>Converse has no JSON-schema output, so {@code json_schema} uses the forced-tool technique
 * (as LiteLLM does): the schema becomes the only tool the model must call, and the call's input is
 * the answer ({@link #JSON_TOOL}).
 */
final class BedrockRequestTranslator {
  /** The tool that carries a json_schema answer; the response translator turns it back into text. */
  static final String JSON_TOOL = "json_tool_call";
  static final String JSON_ONLY =
      "Answer only with a single valid JSON object, with no text or code fences around it.";

  private final ObjectMapper mapper;
  private final BedrockMessages messages;

  BedrockRequestTranslator(ObjectMapper mapper) {
    this.mapper = mapper;
    this.messages = new BedrockMessages(mapper);
  }

  /** @throws IllegalArgumentException naming what Converse cannot express */
  ObjectNode translate(JsonNode request, String modelId) {
    if (request.path("n").asInt(1) != 1) {
      throw new IllegalArgumentException("n must be 1: Bedrock returns a single answer");
    }
    BedrockMessages.Converted converted = messages.convert(request.path("messages"));
    ObjectNode body = mapper.createObjectNode();
    body.set("messages", converted.messages());
    ArrayNode system = converted.system();
    String format = request.path("response_format").path("type").asText();
    if (format.equals("json_object")) {
      system.addObject().put("text", JSON_ONLY);
    }
    if (!system.isEmpty()) {
      body.set("system", system);
    }
    ObjectNode inference = inferenceConfig(request);
    if (!inference.isEmpty()) {
      body.set("inferenceConfig", inference);
    }
    ObjectNode tools = toolConfig(request);
    if (format.equals("json_schema")) {
      if (tools == null) {
        tools = mapper.createObjectNode();
        tools.putArray("tools");
      }
      ((ArrayNode) tools.get("tools")).add(toolSpec(JSON_TOOL, "Answer with this tool's input",
          request.path("response_format").path("json_schema").path("schema")));
      tools.putObject("toolChoice").putObject("tool").put("name", JSON_TOOL);
    }
    if (tools != null) {
      body.set("toolConfig", tools);
    }
    BedrockReasoning.apply(body, modelId, request);
    return body;
  }

  private ObjectNode inferenceConfig(JsonNode request) {
    ObjectNode config = mapper.createObjectNode();
    JsonNode max = request.path("max_completion_tokens").isNumber()
        ? request.get("max_completion_tokens") : request.path("max_tokens");
    if (max.isNumber()) {
      config.set("maxTokens", max);
    }
    if (request.path("temperature").isNumber()) {
      config.set("temperature", request.get("temperature"));
    }
    if (request.path("top_p").isNumber()) {
      config.set("topP", request.get("top_p"));
    }
    JsonNode stop = request.path("stop");
    if (stop.isTextual()) {
      config.putArray("stopSequences").add(stop.asText());
    } else if (stop.isArray() && !stop.isEmpty()) {
      config.set("stopSequences", stop);
    }
    return config;
  }

  /** {@code toolConfig}, or null when the request has no tools. */
  private ObjectNode toolConfig(JsonNode request) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return null;
    }
    ObjectNode config = mapper.createObjectNode();
    ArrayNode specs = config.putArray("tools");
    for (JsonNode tool : tools) {
      if (!"function".equals(tool.path("type").asText())) {
        throw new IllegalArgumentException("unsupported tool type: " + tool.path("type").asText());
      }
      JsonNode function = tool.path("function");
      specs.add(toolSpec(function.path("name").asText(), function.path("description").asText(null),
          function.path("parameters")));
      if (tool.path("cache_control").isObject()) {
        specs.add(messages.cachePoint());
      }
    }
    JsonNode choice = request.path("tool_choice");
    if (choice.isMissingNode() || choice.isNull()) {
      return config;
    }
    switch (choice.isTextual() ? choice.asText() : choice.path("type").asText()) {
      case "auto" -> config.putObject("toolChoice").putObject("auto");
      case "required" -> config.putObject("toolChoice").putObject("any");
      case "function" -> config.putObject("toolChoice").putObject("tool")
          .put("name", choice.path("function").path("name").asText());
      // Converse cannot forbid tool use while tools are listed.
      default -> throw new IllegalArgumentException("tool_choice " + choice + " is not supported by Bedrock Converse");
    }
    return config;
  }

  private ObjectNode toolSpec(String name, String description, JsonNode parameters) {
    ObjectNode spec = mapper.createObjectNode();
    ObjectNode toolSpec = spec.putObject("toolSpec").put("name", name);
    if (description != null) {
      toolSpec.put("description", description);
    }
    toolSpec.putObject("inputSchema").set("json",
        parameters.isObject() ? parameters : mapper.createObjectNode().put("type", "object"));
    return spec;
  }
}
