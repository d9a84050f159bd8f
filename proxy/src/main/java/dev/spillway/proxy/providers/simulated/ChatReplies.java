package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.providers.simulated.CallPlan.Behaviour;

/** The text of a simulated chat answer: the configured reply, or its degraded form. */
final class ChatReplies {
  static final String REFUSAL = "I'm sorry, but I can't help with that.";
  private static final String LOOP = "and then ";
  private static final int LOOP_COPIES = 60;

  private ChatReplies() {}

  static String text(Behaviour behaviour, String reply, JsonNode request) {
    return switch (behaviour) {
      case EMPTY -> "";
      case REFUSAL -> REFUSAL;
      case REPETITION -> reply + " " + LOOP.repeat(LOOP_COPIES);
      case BAD_JSON -> "{\"reply\": \"" + reply; // cut off mid-string, as a truncated model does
      default -> json(reply, request.path("response_format"));
    };
  }

  /**
   * Under JSON mode a healthy model answers JSON: a value of the schema for {@code json_schema},
   * the reply wrapped as {@code {"reply": …}} for {@code json_object}; text otherwise.
   */
  private static String json(String reply, JsonNode format) {
    return switch (format.path("type").asText("")) {
      case "json_schema" -> SchemaInstances.of(format.path("json_schema").path("schema"), reply).toString();
      case "json_object" -> SchemaInstances.of(null, reply).toString();
      default -> reply;
    };
  }
}
