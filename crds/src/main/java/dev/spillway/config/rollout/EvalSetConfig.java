package dev.spillway.config.rollout;

import java.util.List;

/**
 * An eval set with defaults applied.
 *
 * @param cases inline cases first, then those read from the ConfigMap, names unique
 * @param judgeMaxCostUsd null: no cost ceiling on judge calls
 */
public record EvalSetConfig(String name, List<EvalCaseConfig> cases, int judgeMaxCalls, Double judgeMaxCostUsd) {
  public static final int DEFAULT_JUDGE_MAX_CALLS = 100;

  public EvalSetConfig {
    cases = List.copyOf(cases);
  }
}
