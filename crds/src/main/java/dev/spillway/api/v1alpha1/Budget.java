package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Budget {
  @JsonPropertyDescription("Budget in US dollars per period.")
  public Double amountUsd;

  @JsonPropertyDescription("Budget period: daily, weekly or monthly (default monthly).")
  public String period;

  @JsonPropertyDescription("Percentages of the budget at which an alert fires, e.g. [50, 80, 95].")
  public List<Integer> alertAtPercent;

  @JsonPropertyDescription(
      "What happens at 100%: deprioritize (use other accounts first) or block (default deprioritize).")
  public String onExhausted;
}
