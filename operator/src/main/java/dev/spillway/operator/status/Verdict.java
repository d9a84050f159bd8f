package dev.spillway.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What a compile says about one resource: its conditions, for its status. */
public record Verdict(List<Condition> conditions) {
  public Verdict {
    conditions = List.copyOf(conditions);
  }

  public boolean accepted() {
    Condition accepted = Conditions.find(conditions, Conditions.ACCEPTED);
    return accepted != null && "True".equals(accepted.getStatus());
  }
}
