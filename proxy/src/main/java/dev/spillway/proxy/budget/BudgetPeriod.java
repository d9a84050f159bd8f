package dev.spillway.proxy.budget;

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
}
