package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.RaceLeg;
import dev.spillway.proxy.failover.RaceTimers;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ChatChunk;
import dev.spillway.proxy.providers.ChunkReader;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.http.RequestIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One upstream stream of a {@link StreamCall}: commits when its held-back prefix is released. Its
 * callbacks arrive on upstream threads and are serialised on the race's lock, like the race's own
 * timers.
 */
final class StreamLeg extends RaceLeg implements StreamListener {
  /** Reads the chunks that providers other than OpenAI-compatible ones translate into trees. */
  private static final ChunkReader TREES = new ChunkReader(Json.MAPPER);
  private final AnswerCheck.StreamWatch watch;
  private final CandidateCursor cursor;
  private final ClientStream writer;
  private final Function<Attempt, Map<String, String>> headersFor;
  private final List<ChatChunk> held = new ArrayList<>();
  private Usage usage = Usage.NONE;
  /** The provider's id for this leg's call: the response's x-request-id if this leg is served. */
  private volatile String upstreamRequestId;
  private Cancellable upstream;
  private boolean tokenSeen;
  /** Releases a prefix held for the answer check when no further chunk comes to ask again. */
  private RaceTimers.Cancel holdTimer;

  StreamLeg(
      Attempt attempt,
      boolean hedge,
      AnswerCheck.StreamWatch watch,
      CandidateCursor cursor,
      ClientStream writer,
      Function<Attempt, Map<String, String>> headersFor) {
    super(attempt, hedge);
    this.watch = watch;
    this.cursor = cursor;
    this.writer = writer;
    this.headersFor = headersFor;
  }

  @Override
  protected CommitRule commitRule() {
    return CommitRule.FIRST_TOKEN;
  }

  @Override
  protected void start() {
    Cancellable started = attempt.adapter().stream(attempt.call(), this);
    // Started under the race's lock: a synchronous failure has already been reported.
    if (race().live(this)) {
      upstream = started;
    } else {
      started.cancel();
    }
  }

  @Override
  protected void cancel() {
    stopHoldTimer();
    if (upstream != null) {
      upstream.cancel();
      upstream = null;
    }
  }

  @Override
  protected void failedAfterCommit(ProviderFailure failure) {
    writer.event(StreamCall.errorEvent(failure));
    writer.end();
  }

  @Override
  public void onOpen(String requestId) {
    upstreamRequestId = requestId;
  }

  @Override
  public void onChunk(ObjectNode chunk) {
    onChunk(TREES.of(chunk));
  }

  @Override
  public void onChunk(ChatChunk received) {
    synchronized (race()) {
      if (!race().live(this)) {
        return;
      }
      cursor.received(attempt, received.facts()); // before the usage is taken out of it
      watch.chunk(received.facts());
      ChatChunk chunk = keptAfterUsage(received, cursor.clientWantsUsage());
      if (chunk == null) {
        return;
      }
      if (race().isCommitted(this)) {
        writer.event(chunk);
        return;
      }
      held.add(chunk);
      if (!tokenSeen && chunk.facts().carriesOutput()) {
        tokenSeen = true;
        race().tokenArrived(this);
        cursor.firstToken(attempt);
      }
      if (tokenSeen && !watch.holdLonger()) {
        release();
      } else if (tokenSeen && holdTimer == null) {
        // The check's bound, not the model's pace: a slow model's next word may be seconds away.
        holdTimer = race().later(this, watch.holdLeftNanos(), this::holdEnded);
      }
    }
  }

  /** The check held the prefix as long as it may: out it goes, judged as it is. */
  private void holdEnded() {
    holdTimer = null;
    if (!race().isCommitted(this) && !held.isEmpty()) {
      release();
    }
  }

  private void stopHoldTimer() {
    if (holdTimer != null) {
      holdTimer.cancel();
      holdTimer = null;
    }
  }

  @Override
  public void onComplete() {
    synchronized (race()) {
      if (!race().live(this)) {
        return;
      }
      if (!race().isCommitted(this) && !release()) {
        return; // a stream with nothing worth sending (e.g. empty) fails over like an error
      }
      race().completed(this, usage);
      writer.done();
      watch.ended();
    }
  }

  @Override
  public void onError(ProviderFailure failure) {
    race().failed(this, failure);
  }

  /**
   * Judges the held-back prefix and, when it passes and this leg wins, starts the response with it.
   * A rejected prefix fails the attempt unseen by the client.
   */
  private boolean release() {
    Optional<ProviderFailure> rejected = watch.beforeRelease();
    if (rejected.isPresent()) {
      race().failed(this, rejected.get());
      return false;
    }
    stopHoldTimer();
    if (!race().commit(this)) {
      return false;
    }
    writer.open(RequestIds.withUpstream(new HashMap<>(headersFor.apply(attempt)), upstreamRequestId));
    held.forEach(writer::event);
    held.clear();
    return true;
  }

  /**
   * Takes the usage a chunk reports (the call asked every stream for it, to settle spend and
   * limits) and says what of the chunk still goes to the client: without the usage member when
   * the client did not ask for usage itself, and nothing of a chunk that then has no choices.
   */
  private ChatChunk keptAfterUsage(ChatChunk chunk, boolean clientWantsUsage) {
    if (!chunk.facts().hasUsage()) {
      return chunk;
    }
    if (chunk.facts().usage() != null) {
      usage = chunk.facts().usage();
    }
    if (clientWantsUsage) {
      return chunk;
    }
    return chunk.facts().choices().isEmpty() ? null : chunk.withoutUsage();
  }
}
