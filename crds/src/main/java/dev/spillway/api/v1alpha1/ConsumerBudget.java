package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/** A consumer's spend budget for one period. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsumerBudget {
  @Min(value = 0, inclusive = false)
  @JsonPropertyDescription("Budget in US dollars per period.")
  public Double amountUsd;

  @Pattern("^(daily|weekly|monthly)$")
  @JsonPropertyDescription("Budget period: daily, weekly (from Monday) or monthly, in UTC (default monthly).")
  public String period;

  @JsonPropertyDescription("Percentages of the budget at which an alert fires, e.g. [50, 80, 95].")
  public List<Integer> alertAtPercent;

  @Pattern("^(alert|block)$")
  @JsonPropertyDescription("What happens at 100%: block (answer 429 until the next period, the default) or"
      + " alert (keep serving).")
  public String onExhausted;
}
