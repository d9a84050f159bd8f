package dev.spillway.config;

import java.util.List;
import java.util.Optional;

/** Behaviour of a simulated account; durations in milliseconds. */
public record SimulationConfig(
    long latencyMs,
    long jitterMs,
    long interChunkDelayMs,
    double errorRate,
    int errorStatus,
    String reply,
    List<FaultConfig> faults,
    List<ScriptedAnswer> answers) {

  public static final String DEFAULT_REPLY =
      "Hello from Spillway's simulated provider. Your request was routed, served and traced.";

  public SimulationConfig {
    faults = Immutables.list(faults);
    answers = Immutables.list(answers);
  }

  /** Without scripted answers: every call gets {@code reply}. */
  public SimulationConfig(long latencyMs, long jitterMs, long interChunkDelayMs, double errorRate,
      int errorStatus, String reply, List<FaultConfig> faults) {
    this(latencyMs, jitterMs, interChunkDelayMs, errorRate, errorStatus, reply, faults, List.of());
  }

  /** The scripted answer for a call whose last user message is {@code prompt}: the first match. */
  public Optional<String> scriptedReply(String prompt) {
    return answers.stream().filter(answer -> prompt.contains(answer.whenContains()))
        .map(ScriptedAnswer::reply).findFirst();
  }

  /** An answer sent when the last user message contains {@code whenContains}. */
  public record ScriptedAnswer(String whenContains, String reply) {}

  /**
   * A fault window: active from startMs for durationMs (forever when 0), repeating every periodMs
   * (once when 0), all measured from when the account was loaded.
   */
  public record FaultConfig(
      FaultKind kind, long startMs, long durationMs, long periodMs, int status, long latencyMs) {

    /** Whether the fault is active at this many milliseconds after load. */
    public boolean activeAt(long sinceLoadMs) {
      if (sinceLoadMs < startMs) {
        return false;
      }
      long intoWindow = periodMs > 0 ? (sinceLoadMs - startMs) % periodMs : sinceLoadMs - startMs;
      return durationMs == 0 || intoWindow < durationMs;
    }
  }

  public enum FaultKind {
    ERROR,
    HANG,
    SLOW,
    RATE_LIMIT,
    EMPTY,
    CUT,
    REFUSAL,
    REPETITION,
    /** Answers in letters that read as no language: no single check fails, the answers' form drifts. */
    GIBBERISH,
    BAD_JSON,
    BLACK_IMAGE,
    SILENT_AUDIO,
    ZERO_EMBEDDING,
    /** Video jobs are accepted, then fail. */
    FAIL_AFTER_ACCEPT,
    /** Video jobs are accepted and stay queued. */
    STUCK_QUEUE,
    /** Video jobs complete with black frames. */
    BLACK_VIDEO,
    /** Video jobs complete with a clip half as long as asked. */
    SHORT_VIDEO,
    /** Video jobs complete with the same clip whatever the prompt. */
    SAME_VIDEO
  }
}
