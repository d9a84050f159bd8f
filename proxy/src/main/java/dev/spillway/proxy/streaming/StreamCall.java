package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.Usage;
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
  private final List<ObjectNode> held = new ArrayList<>();
  private int generation;
  private Attempt attempt;
  private Cancellable upstream;
  private ScheduledFuture<?> firstTokenTimer;
  private ScheduledFuture<?> requestTimer;
  private boolean committed;
  private Usage usage = Usage.NONE;
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
    this.cursor = cursor;
    this.scheduler = scheduler;
    this.writer = writer;
    this.headersFor = headersFor;
    this.reject = reject;
  }

  public synchronized void start() {
    attemptNext();
  }

  /** The client went away: stop the upstream and write nothing more. */
  public synchronized void abandon() {
    if (!finished) {
      finished = true;
      stopAttempt();
      if (attempt != null) {
        cursor.abandoned(attempt, false);
      }
    }
  }

  private void attemptNext() {
    Optional<Attempt> next;
    try {
      next = cursor.next();
    } catch (RuntimeException e) {
      // Runs on upstream callback threads: an escaping exception would leave the client waiting.
      LOG.error("choosing the next candidate failed", e);
      finish();
      reject.accept(ApiError.of(500, "server_error", null, null, "internal error"));
      return;
    }
    if (next.isEmpty()) {
      finish();
      reject.accept(cursor.exhausted());
      return;
    }
    int current = ++generation;
    attempt = next.get();
    held.clear();
    usage = Usage.NONE;
    long firstTokenMs = attempt.call().timeouts().firstTokenMs();
    long requestMs = attempt.call().timeouts().requestMs();
    firstTokenTimer = schedule(current, "first token", firstTokenMs);
    requestTimer = schedule(current, "request", requestMs);
    Cancellable started;
    try {
      started = attempt.adapter().stream(attempt.call(), new Relay(current));
    } catch (RuntimeException e) {
      onError(current, ProviderFailure.protocol("adapter error: " + e.getClass().getSimpleName()));
      return;
    }
    // The adapter may have failed synchronously and we may already be on a later attempt.
    if (current == generation) {
      upstream = started;
    } else {
      started.cancel();
    }
  }

  private ScheduledFuture<?> schedule(int current, String deadline, long ms) {
    return scheduler.schedule(
        () -> onDeadline(current, deadline, ms), ms, TimeUnit.MILLISECONDS);
  }

  private synchronized void onChunk(int current, ObjectNode chunk) {
    if (stale(current)) {
      return;
    }
    cursor.received(attempt, chunk); // before the usage is taken out of it
    if (!keepAfterUsage(chunk)) {
      return;
    }
    if (committed) {
      writer.event(chunk);
      return;
    }
    held.add(chunk);
    if (ContentTokens.carriesContent(chunk)) {
      firstTokenTimer.cancel(false);
      cursor.firstToken(attempt);
      commit();
    }
  }

  private synchronized void onComplete(int current) {
    if (stale(current)) {
      return;
    }
    cursor.succeeded(attempt, usage);
    if (!committed) {
      commit(); // a stream with no content at all still goes out as it came (quality checks come later)
    }
    finish();
    writer.done();
  }

  private synchronized void onError(int current, ProviderFailure failure) {
    if (stale(current)) {
      return;
    }
    stopAttempt();
    FailureClass failureClass = cursor.failed(attempt, failure);
    if (committed) {
      finish();
      writer.event(errorEvent(failure));
      writer.end();
    } else if (failureClass == FailureClass.TERMINAL) {
      finish();
      reject.accept(cursor.terminal(failure));
    } else {
      attemptNext();
    }
  }

  private synchronized void onDeadline(int current, String deadline, long ms) {
    if (stale(current) || (committed && deadline.equals("first token"))) {
      return;
    }
    onError(current, ProviderFailure.timeout(deadline + " timeout after " + ms + " ms"));
  }

  /**
   * Takes the usage a chunk reports (the cursor asked every stream for it, to settle spend and
   * limits) and says whether the chunk still goes to the client: a usage-only chunk does not when
   * the client did not ask for usage itself.
   */
  private boolean keepAfterUsage(ObjectNode chunk) {
    JsonNode reported = chunk.get("usage");
    if (reported == null) {
      return true;
    }
    if (reported.isObject()) {
      usage = Usage.fromOpenAi(reported);
    }
    if (cursor.clientWantsUsage()) {
      return true;
    }
    chunk.remove("usage");
    return chunk.path("choices").size() > 0;
  }

  private boolean stale(int current) {
    return finished || current != generation;
  }

  /** The first token: the response starts, with whatever preamble was held back. */
  private void commit() {
    committed = true;
    writer.open(headersFor.apply(attempt));
    held.forEach(writer::event);
    held.clear();
  }

  private void finish() {
    finished = true;
    cancelTimers();
  }

  private void stopAttempt() {
    cancelTimers();
    if (upstream != null) {
      upstream.cancel();
      upstream = null;
    }
  }

  private void cancelTimers() {
    if (firstTokenTimer != null) {
      firstTokenTimer.cancel(false);
    }
    if (requestTimer != null) {
      requestTimer.cancel(false);
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

  /** Routes one attempt's callbacks back to the call, tagged so late ones are ignored. */
  private final class Relay implements StreamListener {
    private final int current;

    Relay(int current) {
      this.current = current;
    }

    @Override
    public void onChunk(ObjectNode chunk) {
      StreamCall.this.onChunk(current, chunk);
    }

    @Override
    public void onComplete() {
      StreamCall.this.onComplete(current);
    }

    @Override
    public void onError(ProviderFailure failure) {
      StreamCall.this.onError(current, failure);
    }
  }
}
