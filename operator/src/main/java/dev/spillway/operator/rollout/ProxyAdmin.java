package dev.spillway.operator.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** The proxies' admin endpoints the rollout controller uses. */
public interface ProxyAdmin {
  /** Runs an eval on one replica ({@code POST /v1/spillway/evals}); the report, or empty with why not in {@code failure}. */
  EvalOutcome runEval(Pod replica, JsonNode request);

  /** Each replica's active rollouts ({@code GET /v1/spillway/rollouts}); unreachable replicas are left out. */
  List<JsonNode> rollouts(List<Pod> replicas);

  /** @param report null when the run failed; then failure says why */
  record EvalOutcome(JsonNode report, String failure) {
    Optional<JsonNode> ok() {
      return Optional.ofNullable(report);
    }
  }
}
