package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Budget {
  @Min(value = 0, inclusive = false)
  @JsonPropertyDescription("Budget in US dollars per period.")
  public Double amountUsd;

  @Pattern("^(daily|weekly|monthly)$")
  @JsonPropertyDescription("Budget period: daily, weekly or monthly (default monthly).")
  public String period;

  @JsonPropertyDescription("Percentages of the budget at which an alert fires, e.g. [50, 80, 95].")
  @ValidationRule(value = "self.all(p, p >= 1 && p <= 100)", message = "alert thresholds are percentages from 1 to 100")
  public List<Integer> alertAtPercent;

  @Pattern("^(deprioritize|block)$")
  @JsonPropertyDescription(
      "What happens at 100%: deprioritize (use other accounts first) or block (default deprioritize).")
  public String onExhausted;
}
