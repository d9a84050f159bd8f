package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsumerBudgetStatus {
  @JsonPropertyDescription("daily, weekly or monthly.")
  public String period;

  @JsonPropertyDescription("The budget in US dollars.")
  public Double amountUsd;

  @JsonPropertyDescription("Spend in the current period in US dollars.")
  public Double spentUsd;
}
