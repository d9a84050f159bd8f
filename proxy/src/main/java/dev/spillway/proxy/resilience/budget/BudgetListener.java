package dev.spillway.proxy.resilience.budget;

/**
 * Hears budget alerts: metrics, telemetry and the operator's Kubernetes Events plug in here. Called
 * on the thread that settled the call that crossed the threshold: must be quick and not block.
 */
@FunctionalInterface
public interface BudgetListener {
  void onAlert(BudgetAlert alert);
}
