package dev.spillway.proxy.live;

import dev.spillway.config.TriggersConfig;
import java.util.List;

/**
 * {@code GET /v1/spillway/live}: everything the page and {@code top} draw, read at once.
 *
 * @param traceUrlTemplate where trace ids link ({@code {traceId}} replaced), or null
 * @param events the last lines of the log, oldest first (the stream carries the later ones)
 * @param decisions the last routing decisions, newest first
 * @param cluster the operator's cluster-wide figures, or why there are none
 */
public record Panel(
    long atMs,
    Replica replica,
    List<ModelPanel> models,
    List<DecisionView> decisions,
    List<LiveEvent> events,
    FeedStats feed,
    String traceUrlTemplate,
    ClusterView cluster) {

  /**
   * Which replica answers: with several, each page shows its own; the cluster-wide sums are the
   * operator's, on the resources' status ({@link ClusterView}).
   *
   * @param instance this run's id (also the transition log's): changes on restart
   * @param host the pod name in a cluster ({@code HOSTNAME}), else the machine's name
   * @param configVersion the config in force, or null before the first
   */
  public record Replica(String instance, String host, long startedAtMs, String configVersion, String configSource) {}

  /**
   * One logical model.
   *
   * @param policy whose thresholds apply: the policy of the model's last call, else the default
   * @param thresholds that policy's triggers (null fields are off)
   * @param lastDecision the model's last routing decision, or null before its first call
   */
  public record ModelPanel(
      String name, String policy, TriggersConfig thresholds, List<TargetPanel> targets, DecisionView lastDecision) {}

  /**
   * One target of a model, over the engine's stats window.
   *
   * @param primary the model's first target
   * @param sharePercent its share of the calls to the model's targets
   * @param overLatency its p95 is above the policy's threshold
   * @param overErrorRate its error rate is above the policy's threshold
   * @param driftSigma how far its answer quality drifted, in standard deviations
   * @param drifting a drift alarm demotes it
   * @param admitPercent share of calls its circuit lets through (100 closed, 0 open)
   * @param rampStep while recovering, the step of the recovery ramp ({@code 2/4}), else null
   * @param budgetUsd its account's budget per period, or null without one
   * @param budgetRemainingUsd left of it this period, or null
   * @param limitHeadroom share of its account's rate limits left (1 without limits)
   */
  public record TargetPanel(
      String id,
      String account,
      boolean primary,
      double sharePercent,
      long calls,
      double p95Ms,
      boolean overLatency,
      double errorRate,
      boolean overErrorRate,
      double driftSigma,
      boolean drifting,
      String circuit,
      int admitPercent,
      String rampStep,
      Double budgetUsd,
      Double budgetRemainingUsd,
      double limitHeadroom) {}
}
