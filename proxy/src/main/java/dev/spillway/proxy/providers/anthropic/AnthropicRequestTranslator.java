package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.features.Reasoning;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds an Anthropic Messages request from an OpenAI chat-completions request. Fields Anthropic has
 * no use for (logprobs, seed, penalties, Spillway's own metadata…) are dropped; fields it cannot
 * honour at all (n &gt; 1, non-function tools) fail as a 400, since sending them on would silently
 * answer a different question.
 */
final class AnthropicRequestTranslator {
  /** Anthropic requires max_tokens; OpenAI lets it default to "as much as fits". */
  static final int DEFAULT_MAX_TOKENS = 4096;

  /** Anthropic rejects a smaller thinking budget. */
  static final int MIN_THINKING_BUDGET = 1024;

  /**
   * Anthropic has no JSON mode. An instruction in the system prompt is the documented way to get
   * a bare JSON answer, so OpenAI's json_object becomes one (json_schema uses structured outputs).
   */
  static final String JSON_ONLY =
      "Answer only with a single valid JSON object, with no text or code fences around it.";

  private final ObjectMapper mapper;
  private final AnthropicErrors errors;
  private final AnthropicMessages messages;

  AnthropicRequestTranslator(ObjectMapper mapper, AnthropicErrors errors) {
    this.mapper = mapper;
    this.errors = errors;
    this.messages = new AnthropicMessages(mapper, errors);
  }

  /**
   * @param request the OpenAI request; not modified
   * @param stream whether to ask for an event stream (the adapter's entry point decides, not the
   *     request's own flag)
   * @throws dev.spillway.proxy.providers.ProviderFailure a 400 when the request cannot be expressed
   */
  ObjectNode translate(JsonNode request, boolean stream) {
    if (request.path("n").asInt(1) != 1) {
      throw errors.invalidRequest("n must be 1: Anthropic returns a single choice");
    }
    AnthropicMessages.Converted converted = messages.convert(request.path("messages"));
    ObjectNode body = mapper.createObjectNode();
    body.put("model", request.path("model").asText());
    int thinkingBudget = thinkingBudget(request);
    body.put("max_tokens", maxTokens(request, thinkingBudget));
    JsonNode system = system(converted.system(), request.path("response_format"));
    if (system != null) {
      body.set("system", system);
    }
    body.set("messages", converted.turns());
    if (thinkingBudget > 0) {
      body.putObject("thinking").put("type", "enabled").put("budget_tokens", thinkingBudget);
    }
    if (request.path("temperature").isNumber()) {
      // OpenAI allows 0..2, Anthropic 0..1 and rejects more; the top of one range maps to the other's.
      body.put("temperature", Math.min(1.0, request.path("temperature").asDouble()));
    }
    if (request.path("top_p").isNumber()) {
      body.set("top_p", request.get("top_p"));
    }
    ArrayNode stops = stopSequences(request.path("stop"));
    if (!stops.isEmpty()) {
      body.set("stop_sequences", stops);
    }
    JsonNode format = request.path("response_format");
    if ("json_schema".equals(format.path("type").asText())) {
      // Native structured outputs: the answer is constrained to the schema, not merely asked for.
      body.putObject("output_config").putObject("format").put("type", "json_schema")
          .set("schema", format.path("json_schema").path("schema"));
    }
    if (stream) {
      body.put("stream", true);
    }
    if (request.path("user").isTextual()) {
      body.putObject("metadata").put("user_id", request.path("user").asText());
    }
    addTools(request, body);
    return body;
  }

  /**
   * The thinking budget for Anthropic, from {@code thinking} or {@code reasoning_effort}; 0 for no
   * thinking. Anthropic's floor is 1024 tokens, so a smaller ask ("minimal") gets the floor.
   */
  private static int thinkingBudget(JsonNode request) {
    int budget = Reasoning.budget(request);
    return budget <= 0 ? 0 : Math.max(MIN_THINKING_BUDGET, budget);
  }

  /** Anthropic requires max_tokens, and with thinking it must exceed the thinking budget. */
  private static int maxTokens(JsonNode request, int thinkingBudget) {
    JsonNode completion = request.path("max_completion_tokens");
    JsonNode legacy = request.path("max_tokens");
    if (completion.isNumber()) {
      return completion.asInt();
    }
    return legacy.isNumber() ? legacy.asInt() : thinkingBudget + DEFAULT_MAX_TOKENS;
  }

  /**
   * The system prompt: one string, or a list of text blocks when some carry a cache_control
   * marker (a string cannot carry one). A json_object request adds the JSON-only instruction.
   */
  private JsonNode system(List<ObjectNode> blocks, JsonNode responseFormat) {
    List<ObjectNode> parts = new ArrayList<>(blocks);
    if ("json_object".equals(responseFormat.path("type").asText())) {
      parts.add(mapper.createObjectNode().put("type", "text").put("text", JSON_ONLY));
    }
    if (parts.isEmpty()) {
      return null;
    }
    if (parts.stream().anyMatch(block -> block.has(AnthropicMessages.CACHE_CONTROL))) {
      return mapper.createArrayNode().addAll(parts);
    }
    return mapper.getNodeFactory().textNode(
        parts.stream().map(block -> block.path("text").asText()).collect(Collectors.joining("\n\n")));
  }

  private ArrayNode stopSequences(JsonNode stop) {
    ArrayNode stops = mapper.createArrayNode();
    if (stop.isTextual()) {
      stops.add(stop.asText());
    } else if (stop.isArray()) {
      stop.forEach(s -> stops.add(s.asText()));
    }
    return stops;
  }

  private void addTools(JsonNode request, ObjectNode body) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return;
    }
    ArrayNode out = body.putArray("tools");
    for (JsonNode tool : tools) {
      if (!"function".equals(tool.path("type").asText())) {
        throw errors.invalidRequest("unsupported tool type: " + tool.path("type").asText());
      }
      JsonNode function = tool.path("function");
      ObjectNode converted = out.addObject().put("name", function.path("name").asText());
      if (function.path("description").isTextual()) {
        converted.set("description", function.get("description"));
      }
      JsonNode parameters = function.path("parameters");
      converted.set(
          "input_schema",
          parameters.isObject() ? parameters : mapper.createObjectNode().put("type", "object"));
      if (function.path("strict").asBoolean(false)) {
        converted.put("strict", true);
      }
      if (tool.path(AnthropicMessages.CACHE_CONTROL).isObject()) {
        converted.set(AnthropicMessages.CACHE_CONTROL, tool.get(AnthropicMessages.CACHE_CONTROL));
      }
    }
    ObjectNode choice = toolChoice(request.path("tool_choice"));
    boolean serial = request.path("parallel_tool_calls").isBoolean()
        && !request.path("parallel_tool_calls").asBoolean();
    if (serial && choice == null) {
      choice = mapper.createObjectNode().put("type", "auto");
    }
    // Anthropic rejects disable_parallel_tool_use alongside "none": with no tool calls it is moot.
    if (serial && !"none".equals(choice.path("type").asText())) {
      choice.put("disable_parallel_tool_use", true);
    }
    if (choice != null) {
      body.set("tool_choice", choice);
    }
  }

  /** OpenAI's tool_choice, or null when the request leaves it to the provider's default. */
  private ObjectNode toolChoice(JsonNode choice) {
    if (choice.isMissingNode() || choice.isNull()) {
      return null;
    }
    ObjectNode converted = mapper.createObjectNode();
    switch (choice.isTextual() ? choice.asText() : choice.path("type").asText()) {
      case "auto" -> converted.put("type", "auto");
      case "none" -> converted.put("type", "none");
      case "required" -> converted.put("type", "any");
      case "function" -> converted
          .put("type", "tool")
          .put("name", choice.path("function").path("name").asText());
      default -> throw errors.invalidRequest("unsupported tool_choice: " + choice);
    }
    return converted;
  }
}
