package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a streaming call. Chunks are held back until the first real token, so until then any
 * failure (an error, a cut, the first-token deadline) moves on to the next candidate unseen by the
 * client. The first token commits the stream to its target: the response starts (headers then say
 * who serves), and a later upstream failure ends it with an explicit error event and no [DONE].
 * When the policy hedges and the stream has no first token within its hedge delay, the next
 * candidate's stream races it: the first to produce a real token is served, the other is cancelled.
 *
 * <p>Upstream callbacks and timers come from different threads; every transition holds this
 * object's lock, which is only ever held for in-memory work (the writer queues, never blocks).
 */
public final class StreamCall {
  private static final Logger LOG = LoggerFactory.getLogger(StreamCall.class);
  private final CandidateCursor cursor;
  private final ScheduledExecutorService scheduler;
  private final ClientStream writer;
  private final Function<Attempt, Map<String, String>> headersFor;
  private final Consumer<ApiError> reject;
  private final AnswerCheck answerCheck;
  /** Legs in flight: one, or two while a hedge races the leg it hedges for the first token. */
  private final List<StreamLeg> running = new ArrayList<>(2);
  /** The leg whose first token came first: the only one whose bytes reach the client. */
  private StreamLeg served;
  private boolean finished;

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
    this.cursor = cursor;
    this.scheduler = scheduler;
    this.writer = writer;
    this.headersFor = headersFor;
    this.reject = reject;
    this.answerCheck = answerCheck;
  }

  public synchronized void start() {
    attemptNext();
  }

  /** The client went away: stop the upstream and write nothing more. */
  public synchronized void abandon() {
    if (!finished) {
      finish();
      stopAll(false);
    }
  }

  private void attemptNext() {
    Optional<Attempt> next = nextAttempt();
    if (next == null) {
      return;
    }
    if (next.isEmpty()) {
      finish();
      reject.accept(cursor.exhausted());
      return;
    }
    launch(next.get(), false);
  }

  /** The next attempt; null when choosing failed (the client then has its error). */
  private Optional<Attempt> nextAttempt() {
    try {
      return cursor.next();
    } catch (RuntimeException e) {
      // Runs on upstream callback threads: an escaping exception would leave the client waiting.
      LOG.error("choosing the next candidate failed", e);
      finish();
      stopAll(false);
      reject.accept(ApiError.of(500, "server_error", null, null, "internal error"));
      return null;
    }
  }

  private void launch(Attempt attempt, boolean hedge) {
    StreamLeg leg = new StreamLeg(attempt, hedge, answerCheck.stream(attempt));
    running.add(leg);
    long firstTokenMs = attempt.call().timeouts().firstTokenMs();
    leg.firstTokenTimer = schedule(leg, "first token", firstTokenMs);
    leg.requestTimer = schedule(leg, "request", attempt.call().timeouts().requestMs());
    // Hedged on the time to the first token: once it arrives the stream is committed anyway.
    long hedgeMs = hedge ? -1 : cursor.hedgeDelayMs(attempt);
    if (hedgeMs >= 0 && hedgeMs < firstTokenMs) {
      leg.hedgeTimer = scheduler.schedule(() -> hedge(leg, hedgeMs), hedgeMs, TimeUnit.MILLISECONDS);
    }
    Cancellable started;
    try {
      started = attempt.adapter().stream(attempt.call(), new Relay(leg));
    } catch (RuntimeException e) {
      onError(leg, ProviderFailure.protocol("adapter error: " + e.getClass().getSimpleName()));
      return;
    }
    // The adapter may have failed synchronously, and the leg may already be over.
    if (running.contains(leg)) {
      leg.upstream = started;
    } else {
      started.cancel();
    }
  }

  private ScheduledFuture<?> schedule(StreamLeg leg, String deadline, long ms) {
    return scheduler.schedule(() -> onDeadline(leg, deadline, ms), ms, TimeUnit.MILLISECONDS);
  }

  /** The leg has no first token within its hedge delay: the next candidate races it, budget permitting. */
  private synchronized void hedge(StreamLeg slow, long afterMs) {
    if (finished || served != null || running.size() != 1 || running.get(0) != slow
        || !cursor.tryHedge(slow.attempt, afterMs)) {
      return;
    }
    Optional<Attempt> next = nextAttempt();
    if (next != null && next.isPresent()) {
      launch(next.get(), true);
    }
  }

  private synchronized void onChunk(StreamLeg leg, ObjectNode chunk) {
    if (stale(leg)) {
      return;
    }
    cursor.received(leg.attempt, chunk); // before the usage is taken out of it
    leg.watch.chunk(chunk);
    if (!leg.keepAfterUsage(chunk, cursor.clientWantsUsage())) {
      return;
    }
    if (served != null) {
      writer.event(chunk);
      return;
    }
    leg.held.add(chunk);
    if (ContentTokens.carriesContent(chunk)) {
      leg.firstTokenArrived();
      if (accepted(leg)) {
        cursor.firstToken(leg.attempt);
        commit(leg);
      }
    }
  }

  private synchronized void onComplete(StreamLeg leg) {
    if (stale(leg)) {
      return;
    }
    if (served == null) {
      if (!accepted(leg)) {
        return; // a stream with nothing worth sending (e.g. empty) fails over like an error
      }
      commit(leg);
    }
    cursor.succeeded(leg.attempt, leg.usage);
    finish();
    writer.done();
    leg.watch.ended();
  }

  /**
   * Whether the held-back prefix may go out; when the answer check rejects it, the attempt fails
   * (unseen by the client) instead.
   */
  private boolean accepted(StreamLeg leg) {
    Optional<ProviderFailure> rejected = leg.watch.beforeRelease();
    if (rejected.isPresent()) {
      onError(leg, rejected.get());
      return false;
    }
    return true;
  }

  private synchronized void onError(StreamLeg leg, ProviderFailure failure) {
    if (stale(leg)) {
      return;
    }
    running.remove(leg);
    leg.stop();
    FailureClass failureClass = cursor.failed(leg.attempt, failure);
    if (served != null) {
      finish();
      writer.event(errorEvent(failure));
      writer.end();
    } else if (failureClass == FailureClass.TERMINAL) {
      finish();
      stopAll(false);
      reject.accept(cursor.terminal(failure));
    } else if (running.isEmpty()) {
      attemptNext();
    } // else the other leg of the hedge race is still running: it decides
  }

  private synchronized void onDeadline(StreamLeg leg, String deadline, long ms) {
    if (stale(leg) || (served != null && deadline.equals("first token"))) {
      return;
    }
    onError(leg, ProviderFailure.timeout(deadline + " timeout after " + ms + " ms"));
  }

  private boolean stale(StreamLeg leg) {
    return finished || !running.contains(leg);
  }

  /**
   * The first token: the response starts with this leg's held-back preamble, and a rival leg is
   * stopped (a hedged leg overtaken by its hedge lost; a hedge merely not needed did not).
   */
  private void commit(StreamLeg leg) {
    served = leg;
    running.remove(leg);
    stopAll(leg.hedge);
    running.add(leg);
    writer.open(headersFor.apply(leg.attempt));
    leg.held.forEach(writer::event);
    leg.held.clear();
  }

  private void finish() {
    finished = true;
    running.forEach(StreamLeg::stopTimers);
  }

  /** Stops every running leg, closing its upstream; none of them is served. */
  private void stopAll(boolean lostHedge) {
    List<StreamLeg> stopped = new ArrayList<>(running);
    running.clear();
    for (StreamLeg leg : stopped) {
      leg.stop();
      cursor.abandoned(leg.attempt, lostHedge);
    }
  }

  private static ObjectNode errorEvent(ProviderFailure failure) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event
        .putObject("error")
        .put("message", "The upstream stream failed after it started: " + failure.summary())
        .put("type", "upstream_error")
        .put("code", failure.kind().name().toLowerCase(Locale.ROOT));
    return event;
  }

  /** Routes one leg's callbacks back to the call; those of a stopped leg are ignored. */
  private final class Relay implements StreamListener {
    private final StreamLeg leg;

    Relay(StreamLeg leg) {
      this.leg = leg;
    }

    @Override
    public void onChunk(ObjectNode chunk) {
      StreamCall.this.onChunk(leg, chunk);
    }

    @Override
    public void onComplete() {
      StreamCall.this.onComplete(leg);
    }

    @Override
    public void onError(ProviderFailure failure) {
      StreamCall.this.onError(leg, failure);
    }
  }
}
