package dev.spillway.proxy.cli.top;

import dev.spillway.proxy.live.ClusterView;
import java.util.List;
import java.util.Locale;

/**
 * The panel's cluster part as text: the operator's status of every account and model (summed over
 * all replicas) under the replica's own figures, or the one line saying why there is none.
 */
final class ClusterSection {
  private static final String ACCOUNT_ROW = "  %-24s %-10s %8s %7s  %-16s %10s %12s  %s";
  private static final String MODEL_ROW = "  %-24s %s";

  private final Ansi ansi;

  ClusterSection(Ansi ansi) {
    this.ansi = ansi;
  }

  void render(ClusterView cluster, List<String> out) {
    out.add(ansi.bold("cluster") + ansi.dim(" (" + cluster.note() + ")"));
    if (cluster.source() != ClusterView.Source.OPERATOR) {
      return;
    }
    out.add(ansi.dim(String.format(Locale.ROOT, ACCOUNT_ROW, "ACCOUNT", "HEALTH", "P95", "ERRORS", "CIRCUIT", "SPEND",
        "BUDGET LEFT", "HEALTH CHECK")));
    for (ClusterView.Account account : cluster.accounts()) {
      String row = String.format(Locale.ROOT, ACCOUNT_ROW, account.name(), or(account.health()),
          account.latencyP95Ms() == null ? "-" : Math.round(account.latencyP95Ms()) + "ms",
          account.errorRate() == null ? "-" : Math.round(account.errorRate() * 100) + "%", or(account.circuit()),
          usd(account.spendUsd()), usd(account.budgetRemainingUsd()), or(account.healthCheck()));
      out.add("Healthy".equals(account.health()) || account.health() == null ? row
          : "Degraded".equals(account.health()) ? ansi.yellow(row) : ansi.red(row));
    }
    out.add(ansi.dim(String.format(Locale.ROOT, MODEL_ROW, "MODEL", "SERVING (MOST TRAFFIC, ALL REPLICAS)")));
    for (ClusterView.Model model : cluster.models()) {
      out.add(String.format(Locale.ROOT, MODEL_ROW, model.name(), or(model.servingTarget())));
    }
  }

  private static String or(String value) {
    return value == null ? "-" : value;
  }

  private static String usd(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "$%.2f", value);
  }
}
