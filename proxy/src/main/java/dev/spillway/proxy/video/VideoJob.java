package dev.spillway.proxy.video;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.VideoStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's video job: the one id it polls, whichever targets work on it. Its state changes only
 * through the job's driver; readers take {@link #toJson()} snapshots. Times are epoch seconds, as
 * in the OpenAI API.
 */
final class VideoJob {
  private final String id;
  private final VideoRequest request;
  private final String policy;
  /** The consumer who created it, or null for an anonymous call (open auth): only it sees the job. */
  private final String owner;
  private final long createdAt;
  private final List<JobAttempt> attempts = new ArrayList<>();
  private String traceId;
  private VideoStatus status = VideoStatus.QUEUED;
  private int progress;
  private long completedAt;
  private String errorCode;
  private String errorMessage;
  private String servedBy;

  VideoJob(String id, VideoRequest request, String policy, String owner, long createdAt) {
    this.id = id;
    this.request = request;
    this.policy = policy;
    this.owner = owner;
    this.createdAt = createdAt;
  }

  /** Whether a caller (a consumer's name, or null when anonymous) may see, download or delete it. */
  boolean visibleTo(String consumer) {
    return java.util.Objects.equals(owner, consumer);
  }

  String id() {
    return id;
  }

  VideoRequest request() {
    return request;
  }

  long createdAt() {
    return createdAt;
  }

  synchronized void traceId(String trace) {
    this.traceId = trace;
  }

  synchronized VideoStatus status() {
    return status;
  }

  synchronized String servedBy() {
    return servedBy;
  }

  synchronized int attemptCount() {
    return attempts.size();
  }

  /** Why earlier targets did not serve, oldest first. */
  synchronized List<String> reasons() {
    List<String> reasons = new ArrayList<>();
    for (JobAttempt attempt : attempts) {
      if (attempt.reason() != null) {
        reasons.add(attempt.target() + ": " + attempt.reason());
      }
    }
    return reasons;
  }

  synchronized void attemptStarted(String target, long now) {
    attempts.add(JobAttempt.running(target, now));
    // A resubmitted job starts over: the client sees it queued again, never a finished failure.
    status = VideoStatus.QUEUED;
    progress = 0;
  }

  synchronized void accepted(String upstreamId) {
    replaceLast(last().accepted(upstreamId));
  }

  /** The current target reports progress; the job's never goes backwards within one attempt. */
  synchronized void progressed(VideoStatus upstream, int percent) {
    if (upstream == VideoStatus.IN_PROGRESS) {
      status = VideoStatus.IN_PROGRESS;
    }
    progress = Math.max(progress, Math.min(99, Math.max(0, percent)));
  }

  synchronized void attemptEnded(JobAttempt.Outcome how, String reason, long now) {
    if (!attempts.isEmpty() && last().outcome() == JobAttempt.Outcome.RUNNING) {
      replaceLast(last().ended(how, reason, now));
    }
  }

  synchronized void completed(String target, long now) {
    attemptEnded(JobAttempt.Outcome.SERVED, null, now);
    servedBy = target;
    status = VideoStatus.COMPLETED;
    progress = 100;
    completedAt = now;
  }

  synchronized void failed(String code, String message, long now) {
    status = VideoStatus.FAILED;
    errorCode = code;
    errorMessage = message;
    completedAt = now;
  }

  private JobAttempt last() {
    return attempts.get(attempts.size() - 1);
  }

  private void replaceLast(JobAttempt attempt) {
    attempts.set(attempts.size() - 1, attempt);
  }

  /** The OpenAI video object, with what Spillway did under {@code spillway}. */
  synchronized ObjectNode toJson() {
    ObjectNode json = Json.MAPPER.createObjectNode()
        .put("id", id).put("object", "video").put("model", request.model())
        .put("status", status.wireName()).put("progress", progress).put("created_at", createdAt);
    if (completedAt > 0) {
      json.put("completed_at", completedAt);
    } else {
      json.putNull("completed_at");
    }
    json.put("size", request.size()).put("seconds", request.seconds() > 0 ? Integer.toString(request.seconds()) : null)
        .put("prompt", request.prompt());
    if (errorCode != null) {
      json.putObject("error").put("code", errorCode).put("message", errorMessage);
    } else {
      json.putNull("error");
    }
    ObjectNode spillway = json.putObject("spillway").put("policy", policy).put("served_by", servedBy);
    spillway.put("trace_id", traceId);
    ArrayNode list = spillway.putArray("attempts");
    attempts.forEach(attempt -> attempt.writeTo(list.addObject()));
    ArrayNode reasons = spillway.putArray("fallback_reasons");
    reasons().forEach(reasons::add);
    return json;
  }
}
