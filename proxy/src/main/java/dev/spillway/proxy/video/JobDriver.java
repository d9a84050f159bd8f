package dev.spillway.proxy.video;

import dev.spillway.config.JobsConfig;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.PlainCall;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.UpstreamVideo;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.providers.VideoProvider;
import dev.spillway.proxy.providers.VideoStatus;
import dev.spillway.proxy.telemetry.JobTelemetry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives one video job to its end: create at the cursor's next candidate, poll, download, check;
 * and on any failure (refused, failed after accept, stuck past the policy's deadlines, a clip that
 * fails its checks) report it through the cursor, as any call does, and resubmit to the next
 * candidate under the same job. Every step is an upstream future or a timer: no thread waits.
 * Steps run one at a time under this object's lock; a late answer from a replaced attempt is
 * dropped.
 */
final class JobDriver {
  /** Consecutive failed status polls a target is allowed before the job moves on. */
  static final int MAX_POLL_FAILURES = 3;

  private final VideoJob job;
  private final CandidateCursor cursor;
  private final JobsConfig deadlines;
  private final PlainCall.Judge<byte[]> judge;
  private final ScheduledExecutorService scheduler;
  private final Executor checks;
  private final JobStore store;
  private final JobTelemetry telemetry;
  /** Charges the consumer who submitted the job with what its attempts used; run once it ends. */
  private final Runnable settle;
  private final Clock clock;
  private final CompletableFuture<VideoJob> accepted = new CompletableFuture<>();

  private Attempt current;
  private String upstreamId;
  private long attemptStartMs;
  private boolean progressed;
  private int pollFailures;
  private boolean stopped;
  private Future<?> pendingPoll;
  private CompletableFuture<?> inFlight;

  JobDriver(VideoJob job, CandidateCursor cursor, JobsConfig deadlines, PlainCall.Judge<byte[]> judge,
      ScheduledExecutorService scheduler, Executor checks, JobStore store, JobTelemetry telemetry, Runnable settle,
      Clock clock) {
    this.job = job;
    this.cursor = cursor;
    this.deadlines = deadlines;
    this.judge = judge;
    this.scheduler = scheduler;
    this.checks = checks;
    this.store = store;
    this.telemetry = telemetry;
    this.settle = settle;
    this.clock = clock;
  }

  /**
   * Starts the job. The future completes once a target has accepted it (the client gets its id),
   * or fails with the answer for the client when every candidate refused it at once.
   */
  CompletableFuture<VideoJob> start() {
    next();
    return accepted;
  }

  private synchronized void next() {
    if (stopped) {
      return;
    }
    Optional<Attempt> next = cursor.next();
    if (next.isEmpty()) {
      end(cursor.exhausted());
      return;
    }
    Attempt attempt = next.get();
    current = attempt;
    upstreamId = null;
    progressed = false;
    pollFailures = 0;
    attemptStartMs = clock.millis();
    job.attemptStarted(attempt.targetId(), nowSeconds());
    save();
    step(attempt, videos(attempt).create(attempt.call()), video -> accepted(attempt, video), this::failed);
  }

  private synchronized void accepted(Attempt attempt, UpstreamVideo video) {
    upstreamId = video.id();
    job.accepted(video.id());
    accepted.complete(job);
    save();
    handle(attempt, video);
  }

  /** A status from create or a poll: fail, download, or wait within the deadlines. */
  private void handle(Attempt attempt, UpstreamVideo video) {
    switch (video.status()) {
      case FAILED -> failed(attempt, ProviderFailure.protocol(
          "job failed after accept" + (video.error() == null ? "" : ": " + video.error())));
      case COMPLETED -> download(attempt);
      case QUEUED, IN_PROGRESS -> {
        progressed |= video.status() == VideoStatus.IN_PROGRESS || video.progress() > 0;
        job.progressed(video.status(), video.progress());
        save();
        long elapsed = clock.millis() - attemptStartMs;
        if (!progressed && elapsed >= deadlines.firstProgressMs()) {
          failed(attempt, ProviderFailure.timeout("no progress after " + elapsed / 1000 + " s (spec.jobs.firstProgress)"));
        } else if (elapsed >= deadlines.totalMs()) {
          failed(attempt, ProviderFailure.timeout("not finished after " + elapsed / 1000 + " s (spec.jobs.total)"));
        } else {
          schedulePoll(attempt, elapsed);
        }
      }
    }
  }

  /** The next poll: after the interval, or at the next deadline if that comes first. */
  private void schedulePoll(Attempt attempt, long elapsed) {
    long deadline = progressed ? deadlines.totalMs() : deadlines.firstProgressMs();
    long delay = Math.max(1, Math.min(deadlines.pollIntervalMs(), deadline - elapsed));
    pendingPoll = scheduler.schedule(() -> poll(attempt), delay, TimeUnit.MILLISECONDS);
  }

  private synchronized void poll(Attempt attempt) {
    if (stopped || attempt != current) {
      return;
    }
    step(attempt, videos(attempt).status(attempt.call(), upstreamId), video -> {
      pollFailures = 0;
      handle(attempt, video);
    }, this::pollFailed);
  }

  /** A status poll failed: the job may still be fine, so only a run of failures moves it on. */
  private void pollFailed(Attempt attempt, ProviderFailure failure) {
    if (++pollFailures >= MAX_POLL_FAILURES || failure.status() == 404) {
      failed(attempt, failure);
    } else {
      schedulePoll(attempt, clock.millis() - attemptStartMs);
    }
  }

  private void download(Attempt attempt) {
    // The clip's size is bounded by the upstream body limit: a larger one fails the attempt there.
    step(attempt, videos(attempt).content(attempt.call(), upstreamId), clip -> {
      // Decoding frames takes tens of milliseconds: on the checks executor, not a callback thread.
      CompletableFuture.supplyAsync(() -> judge.judge(attempt, clip), checks).whenComplete((bad, error) -> {
        if (error != null) {
          failed(attempt, ProviderFailure.quality("clip could not be checked"));
        } else if (bad.isPresent()) {
          failed(attempt, bad.get());
        } else {
          completed(attempt, clip);
        }
      });
    }, this::failed);
  }

  private synchronized void completed(Attempt attempt, byte[] clip) {
    if (stopped || attempt != current) {
      return;
    }
    store.saveContent(job.id(), clip);
    job.completed(attempt.targetId(), nowSeconds());
    cursor.succeeded(attempt, Usage.video(VideoChecks.billedSeconds(clip, job.request())));
    current = null;
    end(null);
  }

  /** The current target failed the job: report it, drop its job, and resubmit unless it was the request's fault. */
  private synchronized void failed(Attempt attempt, ProviderFailure failure) {
    if (stopped || attempt != current) {
      return;
    }
    FailureClass failureClass = cursor.failed(attempt, failure);
    job.attemptEnded(JobAttempt.Outcome.FAILED, failure.summary(), nowSeconds());
    cancelUpstream(attempt);
    current = null;
    if (failureClass == FailureClass.TERMINAL) {
      end(cursor.terminal(failure));
    } else {
      next();
    }
  }

  /** Whether the job has ended (served, failed or deleted). */
  synchronized boolean finished() {
    return stopped;
  }

  /** The client deleted the job: stop where it is and tell the provider. */
  synchronized void cancel() {
    if (stopped) {
      return;
    }
    if (current != null) {
      cursor.abandoned(current, false);
      job.attemptEnded(JobAttempt.Outcome.CANCELLED, "job deleted by the client", nowSeconds());
      cancelUpstream(current);
      current = null;
    }
    stop();
    telemetry.finish(410);
  }

  private void end(ApiError error) {
    stop();
    if (error != null) {
      job.failed(error.error().path("code").asText("video_generation_failed"), error.getMessage(), nowSeconds());
      accepted.completeExceptionally(error);
    }
    save();
    telemetry.finish(error == null ? 200 : error.status());
  }

  private void stop() {
    if (!stopped) {
      settle.run();
    }
    stopped = true;
    if (pendingPoll != null) {
      pendingPoll.cancel(false);
    }
    if (inFlight != null) {
      inFlight.cancel(true);
    }
  }

  /**
   * Runs one upstream step within the attempt's request timeout; its outcome is handled under the
   * lock, and only while the attempt is still the job's current one.
   */
  private <T> void step(Attempt attempt, CompletableFuture<T> upstream, Consumer<T> onAnswer,
      FailureHandler onFailure) {
    inFlight = upstream;
    long timeoutMs = attempt.call().timeouts().requestMs();
    Future<?> timeout = scheduler.schedule(() -> {
      if (upstream.cancel(true)) {
        onStep(attempt, () -> onFailure.failed(attempt, ProviderFailure.timeout("no answer after " + timeoutMs + " ms")));
      }
    }, timeoutMs, TimeUnit.MILLISECONDS);
    upstream.whenComplete((answer, error) -> {
      timeout.cancel(false);
      if (error == null) {
        onStep(attempt, () -> onAnswer.accept(answer));
      } else if (!upstream.isCancelled()) {
        onStep(attempt, () -> onFailure.failed(attempt, asFailure(error)));
      }
    });
  }

  private synchronized void onStep(Attempt attempt, Runnable step) {
    if (!stopped && attempt == current) {
      step.run();
    }
  }

  private void cancelUpstream(Attempt attempt) {
    if (upstreamId != null) {
      videos(attempt).cancel(attempt.call(), upstreamId);
    }
  }

  private void save() {
    // Visible to the client only once a target accepted it; before, a refusal answers the POST.
    if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
      store.save(job);
    }
  }

  private long nowSeconds() {
    return clock.millis() / 1000;
  }

  private static VideoProvider videos(Attempt attempt) {
    return attempt.adapter().videos();
  }

  private static ProviderFailure asFailure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof ProviderFailure failure ? failure : ProviderFailure.protocol("video call failed: " + cause);
  }

  @FunctionalInterface
  private interface FailureHandler {
    void failed(Attempt attempt, ProviderFailure failure);
  }
}
