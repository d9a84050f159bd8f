package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.SimulationConfig;
import dev.spillway.proxy.providers.simulated.CallPlan.Behaviour;
import java.util.Optional;
import java.util.Random;

/** The text of a simulated chat answer: the configured reply, or its degraded form. */
final class ChatReplies {
  static final String REFUSAL = "I'm sorry, but I can't help with that.";
  private static final String LOOP = "and then ";
  private static final int LOOP_COPIES = 60;
  /** Mostly consonants, as a hand sliding over a keyboard types them. */
  private static final String MASH = "bcdfghjklmnpqrstvwxzbcdfghjklmnpqrstvwxza";

  private ChatReplies() {}

  static String text(Behaviour behaviour, SimulationConfig simulation, JsonNode request) {
    Optional<String> scripted = simulation.scriptedReply(lastUserText(request));
    String reply = scripted.orElse(simulation.reply());
    return switch (behaviour) {
      case EMPTY -> "";
      case REFUSAL -> REFUSAL;
      case REPETITION -> reply + " " + LOOP.repeat(LOOP_COPIES);
      case GIBBERISH -> gibberish(reply);
      case BAD_JSON -> "{\"reply\": \"" + reply; // cut off mid-string, as a truncated model does
      // A scripted answer is sent as written, so a sample can script a fenced or mis-escaped one.
      default -> scripted.isPresent() ? reply : json(reply, request.path("response_format"));
    };
  }

  /**
   * Keyboard mash as long as the reply (at least 24 words): distinct words of consonant-heavy
   * letters, so it is not empty, not a loop, not a refusal and in the prompt's script — only its
   * form gives it away. Seeded by the reply, so a run is reproducible.
   */
  static String gibberish(String reply) {
    Random random = new Random(reply.hashCode());
    int words = Math.max(24, reply.split("\\s+").length);
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < words; w++) {
      int letters = 3 + random.nextInt(7);
      for (int i = 0; i < letters; i++) {
        text.append(MASH.charAt(random.nextInt(MASH.length())));
      }
      text.append(w == words - 1 ? "." : " ");
    }
    return text.toString();
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
