package dev.spillway.proxy.failover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a plain (non-streaming) call through an {@link AttemptRace}: each attempt commits when its
 * whole answer has arrived and passed its judge; a rejected answer fails its attempt (retryable),
 * so the call moves on. Completes with the {@link Served} call, or exceptionally with the {@link
 * ApiError} to answer. The operation is a parameter: chat completions by default, embeddings,
 * images or speech for the media endpoints.
 *
 * @param <R> what the operation answers with
 */
public final class PlainCall<R> {
  private static final Logger LOG = LoggerFactory.getLogger(PlainCall.class);

  /** One upstream call of the operation. Cancelling its future aborts the call. */
  public interface Operation<R> {
    CompletableFuture<R> invoke(ProviderAdapter adapter, ProviderCall call);

    /** The answer's JSON body (telemetry sees it), or null when it has none (audio). */
    default ObjectNode body(R answer) {
      return null;
    }

    /** The tokens the answer used (budgets count them). */
    default Usage usage(R answer) {
      return Usage.NONE;
    }

    /** An operation answering with a {@link Completion}: its body and usage are known. */
    static Operation<Completion> json(Operation<Completion> invoke) {
      return new Operation<>() {
        @Override
        public CompletableFuture<Completion> invoke(ProviderAdapter adapter, ProviderCall call) {
          return invoke.invoke(adapter, call);
        }

        @Override
        public ObjectNode body(Completion answer) {
          return answer.body();
        }

        @Override
        public Usage usage(Completion answer) {
          return answer.usage();
        }
      };
    }
  }

  /** Judges an answer: why it must not be served, or empty when it may. */
  public interface Judge<R> {
    Optional<ProviderFailure> judge(Attempt attempt, R answer);
  }

  /** Chat completions. */
  public static final Operation<Completion> CHAT = Operation.json(ProviderAdapter::complete);

  private final CandidateCursor cursor;
  private final Operation<R> operation;
  private final Judge<R> judge;
  private final CompletableFuture<Served<R>> result = new CompletableFuture<>();
  private final AttemptRace race;

  private PlainCall(CandidateCursor cursor, ScheduledExecutorService scheduler, Operation<R> operation, Judge<R> judge) {
    this.cursor = cursor;
    this.operation = operation;
    this.judge = judge;
    this.race = new AttemptRace(cursor, scheduler, Leg::new, result::completeExceptionally);
  }

  public static PlainCall<Completion> start(CandidateCursor cursor, ScheduledExecutorService scheduler) {
    return start(cursor, scheduler, AnswerCheck.NONE);
  }

  /** A chat completion; {@code answerCheck} judges each answer before it is served. */
  public static PlainCall<Completion> start(
      CandidateCursor cursor, ScheduledExecutorService scheduler, AnswerCheck answerCheck) {
    return start(cursor, scheduler, CHAT, answerCheck::plain);
  }

  /** Any operation; a rejected answer fails its attempt (retryable) before it is served. */
  public static <R> PlainCall<R> start(
      CandidateCursor cursor, ScheduledExecutorService scheduler, Operation<R> operation, Judge<R> judge) {
    PlainCall<R> call = new PlainCall<>(cursor, scheduler, operation, judge);
    call.race.start();
    return call;
  }

  public CompletableFuture<Served<R>> result() {
    return result;
  }

  /** The client went away: stop the upstream calls and try nothing more. */
  public void abandon() {
    if (result.cancel(false)) {
      race.abandon();
    }
  }

  /** One attempt: commits when its whole answer is in and judged servable. */
  private final class Leg extends RaceLeg {
    private CompletableFuture<R> call;

    Leg(Attempt attempt, boolean hedge) {
      super(attempt, hedge);
    }

    @Override
    protected CommitRule commitRule() {
      return CommitRule.WHOLE_ANSWER;
    }

    @Override
    protected void start() {
      call = invoke(attempt);
      call.whenComplete(this::outcome);
    }

    @Override
    protected void cancel() {
      if (call != null) {
        call.cancel(true); // cancelling the adapter's future aborts the upstream exchange
      }
    }

    private void outcome(R answer, Throwable error) {
      if (error != null) {
        race().failed(this, asFailure(error));
        return;
      }
      if (!race().live(this)) {
        return; // it lost a race or the client left: nothing to judge
      }
      Optional<ProviderFailure> rejected = judge.judge(attempt, answer);
      if (rejected.isPresent()) {
        race().failed(this, rejected.get());
      } else if (race().commit(this)) {
        ObjectNode body = operation.body(answer);
        if (body != null) {
          cursor.received(attempt, body);
        }
        race().completed(this, operation.usage(answer));
        result.complete(new Served<>(attempt, answer));
      }
    }
  }

  private CompletableFuture<R> invoke(Attempt attempt) {
    try {
      return operation.invoke(attempt.adapter(), attempt.call());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static ProviderFailure asFailure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ProviderFailure failure) {
      return failure;
    }
    if (cause instanceof CancellationException) {
      return ProviderFailure.timeout("cancelled");
    }
    LOG.warn("adapter failed unexpectedly", cause);
    return ProviderFailure.protocol("adapter error: " + cause.getClass().getSimpleName());
  }
}
