package dev.spillway.proxy.video;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.Endpoint;
import dev.spillway.proxy.auth.Caller;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.CallRouter;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.RoutingHeaders;
import dev.spillway.proxy.quality.QualityGuard;
import dev.spillway.proxy.routing.CallerRoute;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RequestParser;
import dev.spillway.proxy.telemetry.JobTelemetry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** The proxy's video jobs: submits them (routing and a driver each), finds, lists and deletes them. */
public final class VideoJobs {
  private final CallRouter router;
  private final QualityGuard quality;
  private final ScheduledExecutorService scheduler;
  private final Executor checks;
  private final Clock clock;
  private final JobStore store;
  private final VideoChecks videoChecks = new VideoChecks();
  /** Drivers of jobs still running, for deletes; each removes itself when its job ends. */
  private final Map<String, JobDriver> running = new ConcurrentHashMap<>();

  /**
   * @param checks where clips are decoded and judged (tens of milliseconds each)
   */
  public VideoJobs(CallRouter router, QualityGuard quality, ScheduledExecutorService scheduler, Executor checks,
      Clock clock) {
    this(router, quality, scheduler, checks, clock, new InMemoryJobStore());
  }

  VideoJobs(CallRouter router, QualityGuard quality, ScheduledExecutorService scheduler, Executor checks,
      Clock clock, JobStore store) {
    this.router = router;
    this.quality = quality;
    this.scheduler = scheduler;
    this.checks = checks;
    this.clock = clock;
    this.store = store;
  }

  /**
   * The outcome of a submission and its routing headers.
   *
   * @param job the accepted job, or null when it was refused
   * @param error why every candidate refused it, or null
   */
  record Submitted(VideoJob job, ApiError error, Map<String, String> headers) {}

  /**
   * Routes the request and starts its job; completes once a target accepted it, or fails with the
   * client's answer (every candidate refused, or the request is bad).
   *
   * @param telemetry opens the job's telemetry once its id is known
   */
  CompletableFuture<Submitted> submit(
      Snapshot snapshot, VideoRequest request, Map<String, String> headers, Caller caller,
      java.util.function.Function<String, JobTelemetry> telemetry) {
    RequestFacts facts = facts(request, headers);
    String id = "video_" + UUID.randomUUID().toString().replace("-", "");
    JobTelemetry jobTelemetry = telemetry.apply("/v1/videos/" + id);
    CallRouter.RoutedJob routedJob;
    try {
      routedJob = router.routeJob(jobTelemetry.observer(), caller, snapshot, request.body(), facts,
          VideoJobs::forTarget);
    } catch (ApiError error) {
      jobTelemetry.finish(error.status());
      throw error;
    }
    CallRouter.Routed routed = routedJob.routed();
    VideoJob job = new VideoJob(id, request, routed.policy().name(), caller == null ? null : caller.name(),
        clock.millis() / 1000);
    job.traceId(jobTelemetry.traceId());
    JobDriver driver = new JobDriver(job, routed.cursor(), routed.policy().jobsOrDefaults(),
        quality.forVideo(routed.policy(), (attempt, clip) -> videoChecks.failure(clip, request, attempt.targetId())),
        scheduler, checks, store, jobTelemetry, routedJob.settle(), clock);
    running.put(id, driver);
    return driver.start().handle((done, error) -> {
      Map<String, String> routing = RoutingHeaders.of(routed.policy().name(), routed.config().version(),
          routed.cursor().log().attempts(), null, null, routed.cursor().plan().caller());
      if (error == null) {
        return new Submitted(done, null, routing);
      }
      running.remove(id);
      return new Submitted(null, ChatCompletionsHandler.asApiError(error), routing);
    });
  }

  /** Drops finished drivers; called as jobs are read, so the map never outgrows the running jobs by much. */
  private void forgetFinished() {
    running.values().removeIf(JobDriver::finished);
  }

  /**
   * A job its caller may see: another consumer's job is as absent as an unknown one (its id, prompt
   * and clip belong to that consumer).
   *
   * @param consumer the caller's consumer name, or null when anonymous
   */
  Optional<VideoJob> find(String id, String consumer) {
    forgetFinished();
    return store.find(id).filter(job -> job.visibleTo(consumer));
  }

  /** The jobs the caller may see, newest first. */
  List<VideoJob> list(String consumer) {
    forgetFinished();
    return store.list().stream().filter(job -> job.visibleTo(consumer)).toList();
  }

  Optional<byte[]> content(String id) {
    return store.content(id);
  }

  /** Stops the job if it still runs, and forgets it and its clip; only the caller's own. */
  Optional<VideoJob> delete(String id, String consumer) {
    if (find(id, consumer).isEmpty()) {
      return Optional.empty();
    }
    JobDriver driver = running.remove(id);
    if (driver != null) {
      driver.cancel();
    }
    return store.remove(id);
  }

  /** The headers of a job's answers: who served it, after how many attempts and why. */
  static Map<String, String> headers(VideoJob job, ObjectNode json) {
    List<String> reasons = job.reasons();
    String servedBy = job.servedBy();
    return RoutingHeaders.of(json.path("spillway").path("policy").asText(), null, job.attemptCount(), servedBy,
        reasons.isEmpty() ? null : String.join("; ", reasons), CallerRoute.NONE);
  }

  /** Routing hints come from headers: a video form has no metadata object. */
  private static RequestFacts facts(VideoRequest request, Map<String, String> headers) {
    return new RequestFacts(request.model(), false, headers.get(RequestParser.STEP_HEADER),
        headers.get(RequestParser.PURPOSE_HEADER), null, false, request.body().has("input_reference"), false, false,
        0, headers, CallerRoute.read(request.body(), headers)).at(Endpoint.VIDEO);
  }

  /** Each target gets the request with its own model id. */
  private static ObjectNode forTarget(ObjectNode request, Candidate candidate) {
    ObjectNode body = request.deepCopy();
    body.put("model", candidate.target().model());
    return body;
  }
}
