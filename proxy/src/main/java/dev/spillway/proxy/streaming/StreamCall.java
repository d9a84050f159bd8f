package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.AttemptRace;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Serves a streaming call through an {@link AttemptRace}. Chunks are held back until the first
 * real token (and, when a check needs a few words to judge, a little longer), so until then any
 * failure (an error, a cut, the first-token deadline, a rejected prefix) moves on to the next
 * candidate unseen by the client. Releasing the prefix commits the stream to its target: the
 * response starts (headers then say who serves), and a later upstream failure ends it with an
 * explicit error event and no [DONE].
 */
public final class StreamCall {
  private final AttemptRace race;

  /**
   * @param headersFor the routing headers for the response served by an attempt
   * @param reject answers the client with an error while nothing has been streamed yet
   */
  public StreamCall(
      CandidateCursor cursor,
      ScheduledExecutorService scheduler,
      ClientStream writer,
      Function<Attempt, Map<String, String>> headersFor,
      Consumer<ApiError> reject) {
    this(cursor, scheduler, writer, headersFor, reject, AnswerCheck.NONE);
  }

  /**
   * @param answerCheck judges each attempt's held-back prefix before it is released (a rejected
   *     one fails the attempt unseen), and the whole stream after it ended
   */
  public StreamCall(
      CandidateCursor cursor,
      ScheduledExecutorService scheduler,
      ClientStream writer,
      Function<Attempt, Map<String, String>> headersFor,
      Consumer<ApiError> reject,
      AnswerCheck answerCheck) {
    this.race = new AttemptRace(cursor, scheduler,
        (attempt, hedge) -> new StreamLeg(attempt, hedge, answerCheck.stream(attempt), cursor, writer, headersFor),
        reject);
  }

  public void start() {
    race.start();
  }

  /** The client went away: stop the upstream and write nothing more. */
  public void abandon() {
    race.abandon();
  }

  /** The event that ends a stream whose upstream failed after it started. */
  static ObjectNode errorEvent(ProviderFailure failure) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event
        .putObject("error")
        .put("message", "The upstream stream failed after it started: " + failure.summary())
        .put("type", "upstream_error")
        .put("code", failure.kind().name().toLowerCase(Locale.ROOT));
    return event;
  }
}
