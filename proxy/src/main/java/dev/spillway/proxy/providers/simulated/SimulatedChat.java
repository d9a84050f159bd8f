package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.SimulationConfig;
import dev.spillway.proxy.providers.simulated.CallPlan.Behaviour;
import java.util.ArrayList;
import java.util.List;

/**
 * The choices a simulated model answers one chat request with, decided from the request as a real
 * model would honour it: {@code n} choices; a tool call by {@link ToolRule}, its arguments valid
 * for the tool's schema; JSON matching {@code response_format}; text cut at the first {@code stop}
 * sequence, or at {@code max_completion_tokens}/{@code max_tokens} with finish reason
 * {@code length} (a token is about four characters, as usage counts them).
 */
final class SimulatedChat {
  private static final int CHARS_PER_TOKEN = 4;

  record ToolCall(String id, String name, String arguments) {}

  /** One choice: text, or a tool call (then text is empty). */
  record Choice(String text, ToolCall call, String finishReason) {}

  private SimulatedChat() {}

  static List<Choice> answer(Behaviour behaviour, SimulationConfig simulation, JsonNode request, String callId) {
    int n = Math.max(1, request.path("n").asInt(1));
    List<Choice> choices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      choices.add(choice(behaviour, simulation, request, callId + "_" + i));
    }
    return choices;
  }

  private static Choice choice(Behaviour behaviour, SimulationConfig simulation, JsonNode request, String callId) {
    JsonNode tool = healthy(behaviour) ? ToolRule.pick(request) : null;
    if (tool != null) {
      JsonNode function = tool.path("function");
      String arguments = SchemaInstances.of(function.path("parameters"), simulation.reply()).toString();
      return new Choice("", new ToolCall(callId, function.path("name").asText(), arguments),
          ToolRule.forced(request) ? "stop" : "tool_calls");
    }
    return limited(ChatReplies.text(behaviour, simulation, request), request);
  }

  /** The degraded behaviours replace the answer; the others degrade media or streams only. */
  private static boolean healthy(Behaviour behaviour) {
    return switch (behaviour) {
      case EMPTY, REFUSAL, REPETITION, GIBBERISH, BAD_JSON -> false;
      default -> true;
    };
  }

  private static Choice limited(String text, JsonNode request) {
    int stopAt = text.length();
    JsonNode stop = request.path("stop");
    for (JsonNode sequence : stop.isArray() ? stop : List.of(stop)) {
      int at = sequence.isTextual() && !sequence.asText().isEmpty() ? text.indexOf(sequence.asText()) : -1;
      if (at >= 0) {
        stopAt = Math.min(stopAt, at);
      }
    }
    String stopped = text.substring(0, stopAt);
    JsonNode max = request.has("max_completion_tokens") ? request.get("max_completion_tokens") : request.get("max_tokens");
    if (max != null && max.canConvertToLong() && stopped.length() > max.asLong() * CHARS_PER_TOKEN) {
      return new Choice(stopped.substring(0, (int) (max.asLong() * CHARS_PER_TOKEN)), null, "length");
    }
    return new Choice(stopped, null, "stop");
  }

  /** What the choices say, for the usage count. */
  static String said(List<Choice> choices) {
    StringBuilder said = new StringBuilder();
    for (Choice choice : choices) {
      said.append(choice.text());
      if (choice.call() != null) {
        said.append(choice.call().name()).append(choice.call().arguments());
      }
    }
    return said.toString();
  }
}
