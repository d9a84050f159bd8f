package dev.spillway.proxy.eval;

/**
 * What the judge may still spend in one run. A call is admitted while calls and cost are under
 * their ceilings; its cost is added once it is known, so the ceiling can be passed by the calls
 * already in flight (at most the runner's concurrency), never by more.
 */
final class JudgeBudget {
  private final int maxCalls;
  private final Double maxCostUsd;
  private int calls;
  private double costUsd;

  /** @param maxCostUsd null: no cost ceiling */
  JudgeBudget(int maxCalls, Double maxCostUsd) {
    this.maxCalls = maxCalls;
    this.maxCostUsd = maxCostUsd;
  }

  /** Takes one call from the budget; false (and nothing taken) when it is spent. */
  synchronized boolean tryAcquire() {
    if (calls >= maxCalls || (maxCostUsd != null && costUsd >= maxCostUsd)) {
      return false;
    }
    calls++;
    return true;
  }

  synchronized void spent(double usd) {
    costUsd += usd;
  }

  synchronized int calls() {
    return calls;
  }

  synchronized double costUsd() {
    return costUsd;
  }

  /** Why no more calls are admitted, in words. */
  synchronized String exhausted() {
    return calls >= maxCalls ? "judge budget of " + maxCalls + " calls spent"
        : "judge budget of $" + maxCostUsd + " spent";
  }
}
