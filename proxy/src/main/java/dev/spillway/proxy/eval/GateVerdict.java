package dev.spillway.proxy.eval;

import java.util.List;

/** Whether the candidate may go on, and every reason it may not. */
public record GateVerdict(boolean passed, List<String> reasons) {
  public GateVerdict {
    reasons = List.copyOf(reasons);
  }
}
