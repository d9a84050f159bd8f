package dev.spillway.proxy.resilience.budget;

import java.time.Instant;

/**
 * An account's spend crossed an alert threshold of its budget.
 *
 * @param percent the threshold crossed (100 means exhausted)
 * @param periodStart start of the budget period the spend belongs to
 * @param action what happens at 100 %: deprioritize or block
 */
public record BudgetAlert(
    String account, int percent, double spentUsd, double amountUsd, String period, Instant periodStart, String action) {

  public boolean exhausted() {
    return percent >= 100;
  }
}
