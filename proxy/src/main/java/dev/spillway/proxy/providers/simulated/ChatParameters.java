package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a chat request's parameters as OpenAI's API does, so code tried against the simulated
 * provider fails the same way against a real one: wrong types, values out of range, tool choices
 * naming no tool, response formats without a schema. Answers a 400 in OpenAI's error shape, with
 * {@code param} naming the field. Fields it does not know are let through (requests carry
 * provider extensions such as {@code thinking} or {@code cache_control} for other adapters).
 */
final class ChatParameters {
  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
  private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema");

  private ChatParameters() {}

  static void validate(JsonNode request) {
    messages(request.path("messages"));
    range(request, "temperature", 0, 2);
    range(request, "top_p", 0, 1);
    range(request, "presence_penalty", -2, 2);
    range(request, "frequency_penalty", -2, 2);
    integer(request, "n", 1, 128);
    integer(request, "max_tokens", 1, Integer.MAX_VALUE);
    integer(request, "max_completion_tokens", 1, Integer.MAX_VALUE);
    integer(request, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    integer(request, "top_logprobs", 0, 20);
    type(request, "stream", JsonNode::isBoolean, "a boolean");
    type(request, "logprobs", JsonNode::isBoolean, "a boolean");
    type(request, "parallel_tool_calls", JsonNode::isBoolean, "a boolean");
    type(request, "user", JsonNode::isTextual, "a string");
    stop(request.get("stop"));
    tools(request);
    responseFormat(request.get("response_format"));
  }

  private static void messages(JsonNode messages) {
    if (!messages.isArray() || messages.isEmpty()) {
      throw invalid("messages", "invalid_value", "'messages' must be a non-empty array.");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asText("");
      if (!ROLES.contains(role)) {
        throw invalid("messages[" + i + "].role", "invalid_value",
            "Invalid value: '" + role + "'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.");
      }
      if (role.equals("tool") && !message.path("tool_call_id").isTextual()) {
        throw invalid("messages[" + i + "].tool_call_id", "missing_required_parameter",
            "Missing required parameter: 'messages[" + i + "].tool_call_id'.");
      }
    }
  }

  private static void range(JsonNode request, String field, double min, double max) {
    JsonNode value = type(request, field, JsonNode::isNumber, "a decimal");
    if (value != null && (value.asDouble() < min || value.asDouble() > max)) {
      throw invalid(field, "decimal_out_of_range", "Invalid '" + field + "': expected a value between "
          + trim(min) + " and " + trim(max) + ", but got " + value.asText() + " instead.");
    }
  }

  private static void integer(JsonNode request, String field, long min, long max) {
    JsonNode value = type(request, field, JsonNode::isIntegralNumber, "an integer");
    if (value != null && (value.asLong() < min || value.asLong() > max)) {
      throw invalid(field, "integer_out_of_range", "Invalid '" + field + "': integer "
          + (value.asLong() < min ? "below minimum value. Expected a value >= " + min : "above maximum value. Expected a value <= " + max)
          + ", but got " + value.asText() + " instead.");
    }
  }

  private static JsonNode type(JsonNode request, String field, Predicate<JsonNode> ok, String expected) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!ok.test(value)) {
      throw invalid(field, "invalid_type", "Invalid type for '" + field + "': expected " + expected
          + ", but got " + jsonType(value) + " instead.");
    }
    return value;
  }

  private static void stop(JsonNode stop) {
    if (stop == null || stop.isNull() || stop.isTextual()) {
      return;
    }
    boolean strings = stop.isArray() && stop.size() <= 4;
    for (JsonNode item : stop) {
      strings &= item.isTextual();
    }
    if (!strings) {
      throw invalid("stop", "invalid_type", "Invalid 'stop': expected a string or an array of up to 4 strings.");
    }
  }

  private static void tools(JsonNode request) {
    JsonNode tools = type(request, "tools", JsonNode::isArray, "an array");
    for (int i = 0; tools != null && i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      if (!tool.path("type").asText().equals("function")) {
        throw invalid("tools[" + i + "].type", "invalid_value", "Invalid value for 'tools[" + i + "].type': expected 'function'.");
      }
      if (!tool.path("function").path("name").asText("").matches("[a-zA-Z0-9_-]{1,64}")) {
        throw invalid("tools[" + i + "].function.name", "invalid_value",
            "Invalid 'tools[" + i + "].function.name': string does not match pattern '^[a-zA-Z0-9_-]{1,64}$'.");
      }
    }
    JsonNode choice = request.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return;
    }
    if (tools == null || tools.isEmpty()) {
      throw invalid("tool_choice", "invalid_value", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.");
    }
    if (choice.isTextual() && Set.of("none", "auto", "required").contains(choice.asText())) {
      return;
    }
    String named = choice.path("function").path("name").asText(null);
    if (named == null || ToolRule.named(tools, named) == null) {
      throw invalid("tool_choice", "invalid_value",
          "Invalid value for 'tool_choice': expected none, auto, required, or a function named in 'tools'.");
    }
  }

  private static void responseFormat(JsonNode format) {
    if (format == null || format.isNull()) {
      return;
    }
    String type = format.path("type").asText("");
    if (!FORMATS.contains(type)) {
      throw invalid("response_format.type", "invalid_value",
          "Invalid value: '" + type + "'. Supported values are: 'text', 'json_object', and 'json_schema'.");
    }
    if (type.equals("json_schema") && !format.path("json_schema").path("name").isTextual()) {
      throw invalid("response_format.json_schema.name", "missing_required_parameter",
          "Missing required parameter: 'response_format.json_schema.name'.");
    }
  }

  static ProviderFailure invalid(String param, String code, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error").put("param", param).put("code", code);
    return new ProviderFailure(ProviderFailure.Kind.HTTP, "http 400: " + param, 400, null, false, body);
  }

  private static String jsonType(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> "null";
    };
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
