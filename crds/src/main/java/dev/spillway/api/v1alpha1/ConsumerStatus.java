package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsumerStatus extends ResourceStatus {
  @JsonPropertyDescription("Keys accepted now (not expired).")
  public Integer activeKeys;

  @JsonPropertyDescription("Spend this calendar month (UTC) in US dollars, summed over the proxy replicas.")
  public Double spendThisMonthUsd;

  @JsonPropertyDescription("Spend against each budget, summed over the proxy replicas (each replica enforces"
      + " the budget on its own until shared state is configured).")
  public List<ConsumerBudgetStatus> budgets = new ArrayList<>();

  @JsonPropertyDescription("Calls authenticated as this consumer since the replicas started.")
  public Long requests;

  @JsonPropertyDescription("Calls refused for this consumer's own limits or budgets since the replicas started.")
  public Long throttled;
}
