package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * The timed steps of a simulated chat stream, as OpenAI sends them: per choice a role chunk, then
 * word-sized content pieces (or a tool call: id and name first, then its arguments in pieces), then
 * the finish chunk; the usage chunk when the request asked for it; the end. A cut stream stops
 * half-way through the first choice with an error, which a proxy must never turn into a clean end.
 */
final class ChatStreamSteps {
  private static final int ARGUMENT_PIECE_CHARS = 16;

  private ChatStreamSteps() {}

  static List<Runnable> of(
      List<SimulatedChat.Choice> choices, SimulatedBodies bodies, StreamListener listener, boolean cut, Usage usage) {
    List<Runnable> steps = new ArrayList<>();
    for (int index = 0; index < choices.size(); index++) {
      int i = index;
      SimulatedChat.Choice choice = choices.get(i);
      steps.add(() -> listener.onChunk(bodies.roleChunk(i)));
      if (choice.call() != null) {
        steps.add(() -> listener.onChunk(bodies.toolCallChunk(i, choice.call(), "", true)));
      }
      List<String> pieces = choice.call() != null ? argumentPieces(choice.call().arguments()) : SimulatedBodies.pieces(choice.text());
      if (cut) {
        pieces.subList(0, Math.max(1, pieces.size() / 2)).forEach(piece -> steps.add(() -> listener.onChunk(chunk(bodies, i, choice, piece))));
        steps.add(() -> listener.onError(ProviderFailure.protocol("stream cut")));
        return steps;
      }
      pieces.forEach(piece -> steps.add(() -> listener.onChunk(chunk(bodies, i, choice, piece))));
      steps.add(() -> listener.onChunk(bodies.finishChunk(i, choice.finishReason())));
    }
    if (usage != null) {
      steps.add(() -> listener.onChunk(bodies.usageChunk(usage)));
    }
    steps.add(listener::onComplete);
    return steps;
  }

  private static ObjectNode chunk(
      SimulatedBodies bodies, int index, SimulatedChat.Choice choice, String piece) {
    return choice.call() != null
        ? bodies.toolCallChunk(index, choice.call(), piece, false)
        : bodies.contentChunk(index, piece);
  }

  private static List<String> argumentPieces(String arguments) {
    List<String> pieces = new ArrayList<>();
    for (int at = 0; at < arguments.length(); at += ARGUMENT_PIECE_CHARS) {
      pieces.add(arguments.substring(at, Math.min(arguments.length(), at + ARGUMENT_PIECE_CHARS)));
    }
    return pieces;
  }
}
