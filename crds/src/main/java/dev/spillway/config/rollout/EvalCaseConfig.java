package dev.spillway.config.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One case: the request (an OpenAI chat request without model) and its graders.
 *
 * @param request never mutated: each side sends a copy with its own model id
 */
public record EvalCaseConfig(
    String name, double weight, List<String> tags, ObjectNode request, List<GraderConfig> graders) {

  public EvalCaseConfig {
    tags = List.copyOf(tags);
    graders = List.copyOf(graders);
  }
}
