package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.spillway.config.SimulationConfig;
import dev.spillway.proxy.providers.simulated.CallPlan.Behaviour;
import java.util.Optional;

/** The text of a simulated chat answer: the configured reply, or its degraded form. */
final class ChatReplies {
  static final String REFUSAL = "I'm sorry, but I can't help with that.";
  private static final String LOOP = "and then ";
  private static final int LOOP_COPIES = 60;

  private ChatReplies() {}

  static String text(Behaviour behaviour, SimulationConfig simulation, JsonNode request) {
    Optional<String> scripted = simulation.scriptedReply(lastUserText(request));
    String reply = scripted.orElse(simulation.reply());
    return switch (behaviour) {
      case EMPTY -> "";
      case REFUSAL -> REFUSAL;
      case REPETITION -> reply + " " + LOOP.repeat(LOOP_COPIES);
      case BAD_JSON -> "{\"reply\": \"" + reply; // cut off mid-string, as a truncated model does
      // A scripted answer is sent as written, so a sample can script a fenced or mis-escaped one.
      default -> scripted.isPresent() || !jsonMode(request) ? reply : asJson(reply);
    };
  }

  /** The text of the last user message (string content or the text parts of a content list). */
  static String lastUserText(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if ("user".equals(message.path("role").asText())) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
          return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
      }
    }
    return "";
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
