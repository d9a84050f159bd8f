package dev.spillway.proxy.resilience.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** Where a budget period (daily, weekly from Monday, monthly) starts, in UTC. */
final class BudgetPeriod {
  private BudgetPeriod() {}

  static Instant start(String period, Instant now) {
    LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate start =
        switch (period == null ? "monthly" : period) {
          case "daily" -> day;
          case "weekly" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          default -> day.withDayOfMonth(1);
        };
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Where the period after the one starting at {@code start} starts. */
  static Instant next(String period, Instant start) {
    LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate next =
        switch (period == null ? "monthly" : period) {
          case "daily" -> day.plusDays(1);
          case "weekly" -> day.plusWeeks(1);
          default -> day.plusMonths(1);
        };
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
