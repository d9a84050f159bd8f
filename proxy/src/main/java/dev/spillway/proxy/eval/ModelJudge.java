package dev.spillway.proxy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.rollout.EvalCaseConfig;
import dev.spillway.config.rollout.GraderConfig.Judge;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The LLM judge: asks a LogicalModel to score an answer against a rubric, 0..1. The judging model's
 * targets are tried in order (a judge is a LogicalModel so it fails over like any call); every call
 * is taken from the run's {@link JudgeBudget} and marked with the judge arm.
 */
final class ModelJudge {
  static final String INSTRUCTIONS = "You grade an AI assistant's answer against a rubric. Reply with one JSON"
      + " object and nothing else: {\"score\": <number from 0 (fails the rubric) to 1 (fully meets it)>,"
      + " \"reason\": \"<one short sentence>\"}.";

  private final RouterConfig config;
  private final TargetCaller caller;
  private final ObjectMapper mapper;
  private final CheckGrader json;

  ModelJudge(RouterConfig config, TargetCaller caller, ObjectMapper mapper, CheckGrader json) {
    this.config = config;
    this.caller = caller;
    this.mapper = mapper;
    this.json = json;
  }

  CompletableFuture<Grade> grade(String rollout, Judge judge, EvalCaseConfig evalCase, EvalAnswer answer,
      JudgeBudget budget) {
    if (!answer.ok()) {
      return CompletableFuture.completedFuture(Grade.fail("call failed: " + answer.failure()));
    }
    ModelConfig model = config.models().get(judge.model());
    List<TargetConfig> targets = model == null ? List.of() : model.targets();
    return attempt(rollout, targets, 0, prompt(judge, evalCase, answer), budget, "no judge target answered");
  }

  private CompletableFuture<Grade> attempt(String rollout, List<TargetConfig> targets, int index, String prompt,
      JudgeBudget budget, String lastFailure) {
    if (index >= targets.size()) {
      return CompletableFuture.completedFuture(Grade.unjudged("judge failed: " + lastFailure));
    }
    if (!budget.tryAcquire()) {
      return CompletableFuture.completedFuture(Grade.unjudged(budget.exhausted()));
    }
    TargetConfig target = targets.get(index);
    ObjectNode request = mapper.createObjectNode().put("model", target.model()).put("temperature", 0);
    request.putArray("messages").addObject().put("role", "user").put("content", prompt);
    return caller.call(rollout, Arm.JUDGE, target, request).thenCompose(verdict -> {
      budget.spent(verdict.costUsd());
      Optional<Grade> grade = verdict.ok() ? parse(verdict.answer().text()) : Optional.empty();
      return grade.isPresent() ? CompletableFuture.completedFuture(grade.get())
          : attempt(rollout, targets, index + 1, prompt, budget,
              verdict.ok() ? "unreadable verdict from " + target.id() : verdict.failure());
    });
  }

  private String prompt(Judge judge, EvalCaseConfig evalCase, EvalAnswer answer) {
    return INSTRUCTIONS + "\n\nRubric:\n" + judge.rubric()
        + "\n\nConversation the assistant answered (JSON):\n" + evalCase.request().path("messages")
        + "\n\nThe assistant's answer:\n" + answer.answer().text()
        + (answer.answer().toolCalls().isEmpty() ? "" : "\nTool calls: " + answer.answer().toolCalls());
  }

  /** {"score": x, "reason": "..."}, fenced or not; a score outside 0..1 is unreadable, not clamped. */
  private Optional<Grade> parse(String text) {
    Optional<JsonNode> verdict = json.parse(Repair.CODE_FENCE.text(text));
    JsonNode score = verdict.map(node -> node.path("score")).orElse(null);
    if (score == null || !score.isNumber() || score.asDouble() < 0 || score.asDouble() > 1) {
      return Optional.empty();
    }
    String reason = verdict.get().path("reason").asText("");
    double value = score.asDouble();
    return Optional.of(new Grade(value, value >= 1 ? null : "judge: " + value + (reason.isEmpty() ? "" : " — " + reason), true));
  }
}
