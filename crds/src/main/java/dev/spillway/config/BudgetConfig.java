package dev.spillway.config;

import java.util.List;

/**
 * A spend budget.
 *
 * @param period daily, weekly or monthly
 * @param onExhausted deprioritize or block
 */
public record BudgetConfig(
    double amountUsd, String period, List<Integer> alertAtPercent, String onExhausted) {
  public BudgetConfig {
    alertAtPercent = Immutables.list(alertAtPercent);
  }
}
