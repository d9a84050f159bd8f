package dev.spillway.proxy.live;

import java.util.List;

/**
 * The cluster-wide figures beside this replica's: what the operator aggregated over every replica
 * into the LogicalModels' and ProviderAccounts' status, as this proxy last read them. A page shows
 * one replica's own numbers; these are the sum the operator keeps.
 *
 * @param source where they come from, or {@link Source#NONE} with the reason in {@code note}
 * @param note one line for the reader: whose status, or why there is none
 */
public record ClusterView(Source source, String note, List<Model> models, List<Account> accounts) {
  /** Standalone: the proxy reads a folder, nobody aggregates. */
  public static final String STANDALONE =
      "standalone: no operator, so no cluster-wide figures; the panel above is this process's own";

  public enum Source { OPERATOR, NONE }

  /** A LogicalModel's status: the target serving most of its traffic over all replicas. */
  public record Model(String name, String servingTarget) {}

  /** A ProviderAccount's status, aggregated over all replicas (nulls: not reported yet). */
  public record Account(String name, String health, Double latencyP95Ms, Double errorRate, String circuit,
      Double spendUsd, Double budgetRemainingUsd, String healthCheck) {}

  public ClusterView {
    models = List.copyOf(models);
    accounts = List.copyOf(accounts);
  }

  public static ClusterView none(String why) {
    return new ClusterView(Source.NONE, why, List.of(), List.of());
  }
}
