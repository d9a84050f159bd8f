package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.Limits;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.LimitsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Rate limits and spend budgets, as accounts and consumers both declare them. */
final class Quotas {
  static final List<String> PERIODS = List.of("daily", "weekly", "monthly");

  private Quotas() {}

  /** The limits, or null when none are set. */
  static LimitsConfig limits(String field, Limits limits, FieldChecker check) {
    if (limits == null) {
      return null;
    }
    return new LimitsConfig(
        check.integer(field + ".requestsPerMinute", limits.requestsPerMinute, Range.above(0), 0),
        check.integer(field + ".tokensPerMinute", limits.tokensPerMinute, Range.above(0), 0));
  }

  /**
   * @param actions what may happen at 100 % for this kind of resource
   */
  static BudgetConfig budget(String field, Double amountUsd, String period, List<Integer> alertAtPercent,
      String onExhausted, List<String> actions, String defaultAction, FieldChecker check) {
    double amount = 0;
    if (check.require(field + ".amountUsd", amountUsd, "the budget in US dollars per period")) {
      amount = check.number(field + ".amountUsd", amountUsd, Range.above(0), 0);
    }
    List<Integer> alerts = new ArrayList<>();
    List<Integer> given = alertAtPercent == null ? List.of() : alertAtPercent;
    for (int i = 0; i < given.size(); i++) {
      String alertField = field + ".alertAtPercent[" + i + "]";
      if (check.require(alertField, given.get(i), "a percentage between 1 and 100")) {
        alerts.add(check.integer(alertField, given.get(i), Range.between(1, 100), 100));
      }
    }
    return new BudgetConfig(
        amount,
        check.oneOf(field + ".period", period, PERIODS, "monthly"),
        alerts.stream().sorted().distinct().collect(Collectors.toList()),
        check.oneOf(field + ".onExhausted", onExhausted, actions, defaultAction));
  }
}
