package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
      default -> jsonMode(request) ? asJson(reply) : reply;
    };
  }

  /** Under JSON mode a healthy model answers JSON; the simulated one wraps its reply. */
  private static boolean jsonMode(JsonNode request) {
    String type = request.path("response_format").path("type").asText("");
    return type.equals("json_object") || type.equals("json_schema");
  }

  private static String asJson(String reply) {
    return JsonNodeFactory.instance.objectNode().put("reply", reply).toString();
  }
}
