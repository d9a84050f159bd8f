package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.SimulationConfig;
import dev.spillway.config.SimulationConfig.FaultConfig;
import dev.spillway.config.SimulationConfig.FaultKind;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.UpstreamVideo;
import dev.spillway.proxy.providers.VideoProvider;
import dev.spillway.proxy.providers.VideoStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated provider's video jobs. A job waits in the queue for the account's latency, renders
 * for twice that, then offers a real MP4 clip ({@link ClipEncoder}). Creates obey the account's
 * error faults and error rate like any call; the video faults active when a job is accepted decide
 * its fate: failAfterAccept, stuckQueue, blackVideo, shortVideo (half the seconds) or sameVideo
 * (one clip for every prompt). Job state is derived from the clock, so nothing runs between polls.
 */
final class SimulatedVideos implements VideoProvider {
  static final String DEFAULT_SIZE = "320x180";
  static final int DEFAULT_SECONDS = 4;
  /** The one clip a sameVideo fault serves for every prompt. */
  static final String CACHED_PROMPT = "cached clip";
  private static final Set<FaultKind> VIDEO_FAULTS = EnumSet.of(
      FaultKind.FAIL_AFTER_ACCEPT, FaultKind.STUCK_QUEUE, FaultKind.BLACK_VIDEO, FaultKind.SHORT_VIDEO,
      FaultKind.SAME_VIDEO);
  /** Jobs kept for polling; the oldest are forgotten first, as a real provider's expire. */
  private static final int MAX_JOBS = 256;

  private final SimulationConfig simulation;
  private final ProviderContext context;
  private final CallPlanner planner;
  private final String idPrefix;
  private final long loadedAtMs;
  private final AtomicLong count = new AtomicLong();
  private final Map<String, Job> jobs = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
      return size() > MAX_JOBS;
    }
  };

  private record Job(String prompt, int width, int height, int seconds, long acceptedAtMs, FaultKind fault) {}

  SimulatedVideos(SimulationConfig simulation, ProviderContext context, CallPlanner planner, String account) {
    this.simulation = simulation;
    this.context = context;
    this.planner = planner;
    this.idPrefix = "video_sim_" + account + "_";
    this.loadedAtMs = context.clock().millis();
  }

  @Override
  public CompletableFuture<UpstreamVideo> create(ProviderCall call) {
    CallPlan plan = planner.next();
    CompletableFuture<UpstreamVideo> result = new CompletableFuture<>();
    if (plan.behaviour() == CallPlan.Behaviour.HANG) {
      return result;
    }
    Runnable answer = plan.failure() != null
        ? () -> result.completeExceptionally(plan.failure())
        : () -> result.complete(accept(call.request()));
    TimedSteps timer = TimedSteps.start(context.scheduler(), plan.delayMs(), 0, List.of(answer));
    result.whenComplete((video, failure) -> timer.cancel());
    return result;
  }

  private UpstreamVideo accept(JsonNode request) {
    String[] size = request.path("size").asText(DEFAULT_SIZE).split("x");
    Job job = new Job(request.path("prompt").asText(""), Integer.parseInt(size[0]), Integer.parseInt(size[1]),
        request.path("seconds").asInt(DEFAULT_SECONDS), context.clock().millis(), activeVideoFault());
    String id = idPrefix + count.incrementAndGet();
    synchronized (jobs) {
      jobs.put(id, job);
    }
    return UpstreamVideo.of(id, VideoStatus.QUEUED, 0);
  }

  /** The first video fault active now, or null. */
  private FaultKind activeVideoFault() {
    long sinceLoad = context.clock().millis() - loadedAtMs;
    for (FaultConfig fault : simulation.faults()) {
      if (VIDEO_FAULTS.contains(fault.kind()) && fault.activeAt(sinceLoad)) {
        return fault.kind();
      }
    }
    return null;
  }

  @Override
  public CompletableFuture<UpstreamVideo> status(ProviderCall call, String id) {
    Job job = job(id);
    if (job == null) {
      return CompletableFuture.failedFuture(notFound(id));
    }
    return CompletableFuture.completedFuture(statusOf(id, job));
  }

  private UpstreamVideo statusOf(String id, Job job) {
    long queueMs = simulation.latencyMs();
    long renderMs = Math.max(1, 2 * simulation.latencyMs());
    long elapsed = context.clock().millis() - job.acceptedAtMs();
    if (job.fault() == FaultKind.STUCK_QUEUE || elapsed < queueMs) {
      return UpstreamVideo.of(id, VideoStatus.QUEUED, 0);
    }
    if (job.fault() == FaultKind.FAIL_AFTER_ACCEPT) {
      return new UpstreamVideo(id, VideoStatus.FAILED, 0, "simulated generation failure after accept");
    }
    if (elapsed < queueMs + renderMs) {
      return UpstreamVideo.of(id, VideoStatus.IN_PROGRESS, (int) ((elapsed - queueMs) * 100 / renderMs));
    }
    return UpstreamVideo.of(id, VideoStatus.COMPLETED, 100);
  }

  @Override
  public CompletableFuture<byte[]> content(ProviderCall call, String id) {
    Job job = job(id);
    if (job == null || statusOf(id, job).status() != VideoStatus.COMPLETED) {
      return CompletableFuture.failedFuture(notFound(id));
    }
    boolean sameClip = job.fault() == FaultKind.SAME_VIDEO;
    int seconds = job.fault() == FaultKind.SHORT_VIDEO ? Math.max(1, job.seconds() / 2) : job.seconds();
    // Encoding takes tens of milliseconds a frame: never on the timer thread.
    return CompletableFuture.supplyAsync(() -> ClipEncoder.encode(sameClip ? CACHED_PROMPT : job.prompt(),
        job.width(), job.height(), seconds, job.fault() == FaultKind.BLACK_VIDEO), context.executor());
  }

  @Override
  public CompletableFuture<Void> cancel(ProviderCall call, String id) {
    synchronized (jobs) {
      jobs.remove(id);
    }
    return CompletableFuture.completedFuture(null);
  }

  private Job job(String id) {
    synchronized (jobs) {
      return jobs.get(id);
    }
  }

  private static ProviderFailure notFound(String id) {
    return new ProviderFailure(ProviderFailure.Kind.HTTP, "http 404 (no video " + id + ")", 404, null, false, null);
  }
}
