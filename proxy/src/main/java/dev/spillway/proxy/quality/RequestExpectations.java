package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.QualityCheck;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a chat request asked of its answer, read once per request: JSON mode, the structured-output
 * schema, each tool's parameter schema, whether the caller bounded the length, the prompt's script.
 *
 * @param schema the {@code response_format.json_schema.schema}, or null
 * @param toolParameters each function tool's {@code parameters} schema by name (empty when the
 *     tool-arguments check is off)
 * @param lengthBounded the caller set {@code max_tokens} or {@code max_completion_tokens}, so a
 *     {@code length} ending is what they asked for
 * @param promptScript the writing system of the last user message, or null when it has none (or
 *     the script check is off)
 */
public record RequestExpectations(
    boolean json, JsonNode schema, Map<String, JsonNode> toolParameters, boolean lengthBounded,
    Character.UnicodeScript promptScript) {

  /** Everything any check can ask. */
  public static RequestExpectations of(JsonNode request) {
    return of(request, EnumSet.allOf(QualityCheck.class));
  }

  /**
   * What these checks ask: the prompt's script (a pass over the last user message) is read only
   * for the script check, the tools' schemas only for the tool-arguments check; the parts no check
   * asks for are left empty.
   */
  public static RequestExpectations of(JsonNode request, Set<QualityCheck> checks) {
    JsonNode format = request.path("response_format");
    String type = format.path("type").asText("");
    JsonNode schema = type.equals("json_schema") ? format.path("json_schema").get("schema") : null;
    Map<String, JsonNode> tools = new HashMap<>();
    if (checks.contains(QualityCheck.TOOL_ARGUMENTS)) {
      for (JsonNode tool : request.path("tools")) {
        JsonNode function = tool.path("function");
        if (function.path("name").isTextual() && function.path("parameters").isObject()) {
          tools.put(function.path("name").asText(), function.get("parameters"));
        }
      }
    }
    return new RequestExpectations(
        type.equals("json_object") || type.equals("json_schema"),
        schema != null && schema.isObject() ? schema : null,
        Map.copyOf(tools),
        request.hasNonNull("max_tokens") || request.hasNonNull("max_completion_tokens"),
        checks.contains(QualityCheck.SCRIPT) ? Scripts.dominant(lastUserText(request)) : null);
  }

  private static String lastUserText(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if (message.path("role").asText("").equals("user")) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
          return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")).append(' '));
        return text.toString();
      }
    }
    return "";
  }
}
