package dev.spillway.proxy.video;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One target's turn at a job, as the client sees it in the job's {@code spillway.attempts}.
 *
 * @param upstreamId the provider's job id, or null when it never accepted
 * @param reason why the turn ended without serving, or null
 */
record JobAttempt(String target, String upstreamId, Outcome outcome, String reason, long startedAt, long endedAt) {

  enum Outcome {
    /** The target is working on it. */
    RUNNING,
    /** The target's clip passed its checks and is the job's result. */
    SERVED,
    /** The target failed the job: refused it, failed it after accepting, left it stuck, or its clip failed. */
    FAILED,
    /** The job was deleted while the target worked on it. */
    CANCELLED;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static JobAttempt running(String target, long now) {
    return new JobAttempt(target, null, Outcome.RUNNING, null, now, 0);
  }

  JobAttempt accepted(String id) {
    return new JobAttempt(target, id, outcome, reason, startedAt, endedAt);
  }

  JobAttempt ended(Outcome how, String why, long now) {
    return new JobAttempt(target, upstreamId, how, why, startedAt, now);
  }

  void writeTo(ObjectNode json) {
    json.put("target", target).put("upstream_id", upstreamId).put("outcome", outcome.wireName())
        .put("reason", reason).put("started_at", startedAt);
    if (endedAt > 0) {
      json.put("ended_at", endedAt);
    } else {
      json.putNull("ended_at");
    }
  }
}
