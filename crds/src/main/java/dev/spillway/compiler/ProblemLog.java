package dev.spillway.compiler;

import java.util.ArrayList;
import java.util.List;

/** Every problem of one compilation, in the order found. Not thread-safe: one per compile call. */
final class ProblemLog {
  static final String PROVIDER_ACCOUNT = "ProviderAccount";
  static final String LOGICAL_MODEL = "LogicalModel";
  static final String ROUTING_POLICY = "RoutingPolicy";
  static final String EVAL_SET = "EvalSet";
  static final String MODEL_ROLLOUT = "ModelRollout";

  private final List<Problem> problems = new ArrayList<>();

  FieldChecker checker(String kind, String name) {
    return new FieldChecker(kind, name, problems);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }
}
