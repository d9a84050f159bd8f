package dev.spillway.proxy.failover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.routing.Skip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What happened to each candidate of one request: skipped (and why) or attempted and failed. Feeds
 * the fallback header, and is the one place that turns a call nothing served into its error: 429,
 * 503 or 504. Thread-safe: timers and upstream callbacks of one request may touch it from
 * different threads.
 */
public final class AttemptLog {

  /** Why a candidate did not serve. */
  public enum Outcome {
    /** Left out: it could not or may not serve now (capability, circuit, budget, health check…). */
    SKIPPED,
    /** Left out by the policy's stakes (minTier, maxFallbackDepth): a worse answer is refused. */
    STAKES,
    /** Left out or cut short because the caller's deadline would pass. */
    DEADLINE,
    /** Attempted, and the attempt failed. */
    FAILED
  }

  /**
   * @param rateLimit set when the outcome was a rate limit: how long until the target has room
   */
  public record Entry(String target, Outcome kind, String outcome, Duration rateLimit) {}

  private final List<Entry> entries = new ArrayList<>();
  private final int planned;
  private int attempts;

  public AttemptLog(List<Skip> planned) {
    this.planned = planned.size();
    planned.forEach(s -> entries.add(
        new Entry(s.target(), s.stakes() ? Outcome.STAKES : Outcome.SKIPPED, "skipped: " + s.reason(), null)));
  }

  public synchronized void skipped(String target, Outcome kind, String reason, Duration rateLimit) {
    entries.add(new Entry(target, kind, "skipped: " + reason, rateLimit));
  }

  public synchronized void skipped(String target, String reason, Duration rateLimit) {
    skipped(target, Outcome.SKIPPED, reason, rateLimit);
  }

  /** An upstream call is being made (a retry of the same target counts too). */
  public synchronized void attempting() {
    attempts++;
  }

  public synchronized void failed(String target, String summary, Duration rateLimit) {
    entries.add(new Entry(target, Outcome.FAILED, summary, rateLimit));
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized int attempts() {
    return attempts;
  }

  /**
   * Why earlier candidates did not serve ({@code target: outcome; …}), or null when the first one
   * tried was the first in line. Candidates ruled out before routing started are not fallbacks.
   */
  public synchronized String fallbackReason() {
    List<Entry> runtime = entries.subList(planned, entries.size());
    if (runtime.isEmpty()) {
      return null;
    }
    return runtime.stream().map(e -> e.target() + ": " + e.outcome()).collect(Collectors.joining("; "));
  }

  /**
   * The answer when no candidate served: 504 when the caller's deadline ran out, 429 with the
   * shortest wait when every candidate was rate limited, else 503 naming each candidate and its
   * outcome (and saying so when the policy's stakes refused a worse answer).
   */
  public synchronized ApiError exhausted(String model) {
    boolean allRateLimited = !entries.isEmpty() && entries.stream().allMatch(e -> e.rateLimit() != null);
    boolean deadline = entries.stream().anyMatch(e -> e.kind() == Outcome.DEADLINE);
    ApiError error;
    if (deadline) {
      error = ApiError.of(504, "timeout_error", "deadline_exceeded", null,
          "The caller's deadline (" + CallDeadline.HEADER + ") passed before '" + model + "' was served: " + describe());
    } else if (allRateLimited) {
      Duration shortest =
          entries.stream().map(Entry::rateLimit).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElseThrow();
      error =
          ApiError.of(429, "rate_limit_error", "rate_limit_exceeded", null,
                  "Every target of '" + model + "' is rate limited: " + describe())
              .retryAfter(shortest);
    } else {
      String detail = entries.isEmpty() ? "no targets configured" : describe();
      boolean stakes = entries.stream().anyMatch(e -> e.kind() == Outcome.STAKES);
      // A policy's stakes kept a worse answer from being served: say so, not just "unavailable".
      error = ApiError.of(503, "server_error", stakes ? "policy_stakes_not_met" : "no_target_available", null,
          (stakes ? "The policy's stakes forbid a worse answer; " : "") + "No target could serve '" + model + "': " + detail);
    }
    ArrayNode candidates = error.error().putArray("candidates");
    entries.forEach(e -> candidates.addObject().put("target", e.target()).put("outcome", e.outcome()));
    return error;
  }

  private String describe() {
    return entries.stream().map(e -> e.target() + " (" + e.outcome() + ")").collect(Collectors.joining(", "));
  }
}
