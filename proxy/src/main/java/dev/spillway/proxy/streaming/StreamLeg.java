package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One upstream stream of a {@link StreamCall}: its attempt, its held-back prefix and its timers.
 * A call runs one leg, or two while a hedge races the leg it hedges for the first token. Only ever
 * touched under the call's lock.
 */
final class StreamLeg {
  final Attempt attempt;
  /** Whether this leg was started as a hedge of a slower one. */
  final boolean hedge;
  final AnswerCheck.StreamWatch watch;
  final List<ObjectNode> held = new ArrayList<>();
  Usage usage = Usage.NONE;
  Cancellable upstream;
  ScheduledFuture<?> firstTokenTimer;
  ScheduledFuture<?> requestTimer;
  ScheduledFuture<?> hedgeTimer;

  StreamLeg(Attempt attempt, boolean hedge, AnswerCheck.StreamWatch watch) {
    this.attempt = attempt;
    this.hedge = hedge;
    this.watch = watch;
  }

  /**
   * Takes the usage a chunk reports (the call asked every stream for it, to settle spend and
   * limits) and says whether the chunk still goes to the client: a usage-only chunk does not when
   * the client did not ask for usage itself.
   */
  boolean keepAfterUsage(ObjectNode chunk, boolean clientWantsUsage) {
    JsonNode reported = chunk.get("usage");
    if (reported == null) {
      return true;
    }
    if (reported.isObject()) {
      usage = Usage.fromOpenAi(reported);
    }
    if (clientWantsUsage) {
      return true;
    }
    chunk.remove("usage");
    return chunk.path("choices").size() > 0;
  }

  /** Cancels the timers that only matter before the first token. */
  void firstTokenArrived() {
    cancel(firstTokenTimer);
    cancel(hedgeTimer);
  }

  void stopTimers() {
    cancel(firstTokenTimer);
    cancel(requestTimer);
    cancel(hedgeTimer);
  }

  /** Stops the timers and closes the upstream connection. */
  void stop() {
    stopTimers();
    if (upstream != null) {
      upstream.cancel();
      upstream = null;
    }
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
