package dev.spillway.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A policy's answer checks and drift detection.
 *
 * @param checks what every answer must pass
 * @param driftEnabled whether targets are watched for drift
 * @param driftMinSamples answers a target must have given before drift can be raised
 * @param probe golden requests to each target, or null when there are none
 */
public record QualityConfig(Set<QualityCheck> checks, boolean driftEnabled, int driftMinSamples, Probe probe) {

  /**
   * A golden request.
   *
   * @param expect text the answer must contain (case-insensitive), or null
   */
  public record Probe(long intervalMs, String prompt, String expect) {}

  public static final int DEFAULT_MIN_SAMPLES = 20;

  /**
   * What a policy checks when it says nothing: the failures that are certain whatever the use case
   * (nothing came back, the requested JSON, schema or tool arguments are broken, the answer is a
   * degenerate loop, media is unusable). Refusals, scripts and truncation can be legitimate, so a
   * policy opts into them.
   */
  public static final QualityConfig DEFAULTS =
      new QualityConfig(
          EnumSet.of(
              QualityCheck.EMPTY,
              QualityCheck.JSON,
              QualityCheck.SCHEMA,
              QualityCheck.TOOL_ARGUMENTS,
              QualityCheck.REPETITION,
              QualityCheck.IMAGE,
              QualityCheck.AUDIO,
              QualityCheck.EMBEDDING,
              QualityCheck.VIDEO),
          true,
          DEFAULT_MIN_SAMPLES,
          null);

  public QualityConfig {
    // An EnumSet iterates in declaration order, so the compiled JSON (and its version hash) is stable.
    EnumSet<QualityCheck> ordered = EnumSet.noneOf(QualityCheck.class);
    ordered.addAll(checks);
    checks = Collections.unmodifiableSet(ordered);
  }

  public boolean checks(QualityCheck check) {
    return checks.contains(check);
  }
}
