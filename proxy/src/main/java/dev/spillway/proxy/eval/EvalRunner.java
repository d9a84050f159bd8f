package dev.spillway.proxy.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.rollout.EvalCaseConfig;
import dev.spillway.config.rollout.EvalSetConfig;
import dev.spillway.config.rollout.GraderConfig;
import dev.spillway.config.rollout.GraderConfig.Judge;
import dev.spillway.config.rollout.RolloutConfig;
import dev.spillway.proxy.eval.EvalReport.SideSummary;
import dev.spillway.proxy.quality.ChatChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs an EvalSet on a rollout's incumbent and candidate: each case is sent to both (the same
 * request, each with its own model id), graded, and the shortfalls classified; then the gate is
 * applied. At most {@code maxInFlight} cases run at once, so a large set never floods a provider.
 */
public final class EvalRunner {
  public static final int DEFAULT_MAX_IN_FLIGHT = 4;

  private final RouterConfig config;
  private final TargetCaller caller;
  private final ObjectMapper mapper;
  private final int maxInFlight;
  private final CheckGrader grader;
  private final DifferenceClassifier classifier;
  private final ModelJudge judge;

  public EvalRunner(RouterConfig config, TargetCaller caller, ObjectMapper mapper, int maxInFlight) {
    this.config = config;
    this.caller = caller;
    this.mapper = mapper;
    this.maxInFlight = maxInFlight;
    this.grader = new CheckGrader(mapper);
    this.classifier = new DifferenceClassifier(grader, new ChatChecks(mapper));
    this.judge = new ModelJudge(config, caller, mapper, grader);
  }

  /**
   * The report; fails (IllegalArgumentException) when the rollout names an incumbent the config no
   * longer has.
   */
  public CompletableFuture<EvalReport> run(RolloutConfig rollout, EvalSetConfig set) {
    TargetConfig incumbent = incumbent(rollout);
    JudgeBudget budget = new JudgeBudget(set.judgeMaxCalls(), set.judgeMaxCostUsd());
    List<Supplier<CompletableFuture<CaseResult>>> tasks = new ArrayList<>();
    for (EvalCaseConfig evalCase : set.cases()) {
      tasks.add(() -> runCase(rollout.name(), evalCase, incumbent, rollout.candidate(), budget));
    }
    return Bounded.all(tasks, maxInFlight).thenApply(cases -> {
      SideSummary incumbentSummary = Summaries.side(cases, Arm.INCUMBENT);
      SideSummary candidateSummary = Summaries.side(cases, Arm.CANDIDATE);
      return new EvalReport(rollout.name(), incumbent.id(), rollout.candidate().id(), cases, incumbentSummary,
          candidateSummary, Summaries.tags(cases), budget.calls(), budget.costUsd(),
          Gate.judge(rollout.gate(), incumbentSummary, candidateSummary));
    });
  }

  private TargetConfig incumbent(RolloutConfig rollout) {
    ModelConfig model = config.models().get(rollout.model());
    return (model == null ? List.<TargetConfig>of() : model.targets()).stream()
        .filter(target -> target.id().equals(rollout.incumbent()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("LogicalModel \"" + rollout.model()
            + "\" has no target " + rollout.incumbent() + " any more: the rollout's incumbent is gone"));
  }

  private CompletableFuture<CaseResult> runCase(String rollout, EvalCaseConfig evalCase, TargetConfig incumbent,
      TargetConfig candidate, JudgeBudget budget) {
    CompletableFuture<SideResult> incumbentSide = side(rollout, Arm.INCUMBENT, evalCase, incumbent, budget);
    CompletableFuture<SideResult> candidateSide = side(rollout, Arm.CANDIDATE, evalCase, candidate, budget);
    return incumbentSide.thenCombine(candidateSide, (inc, cand) ->
        new CaseResult(evalCase.name(), evalCase.weight(), evalCase.tags(), inc, cand));
  }

  private CompletableFuture<SideResult> side(String rollout, Arm arm, EvalCaseConfig evalCase, TargetConfig target,
      JudgeBudget budget) {
    ObjectNode request = evalCase.request().deepCopy();
    request.put("model", target.model());
    return caller.call(rollout, arm, target, request).thenCompose(answer -> {
      List<CompletableFuture<Grade>> grades = new ArrayList<>();
      for (GraderConfig graderConfig : evalCase.graders()) {
        grades.add(graderConfig.check() instanceof Judge judgeCheck
            ? judge.grade(rollout, judgeCheck, evalCase, answer, budget)
            : CompletableFuture.completedFuture(grader.grade(graderConfig.check(), answer)));
      }
      return CompletableFuture.allOf(grades.toArray(CompletableFuture[]::new))
          .thenApply(done -> result(evalCase, answer, grades.stream().map(CompletableFuture::join).toList()));
    });
  }

  private SideResult result(EvalCaseConfig evalCase, EvalAnswer answer, List<Grade> grades) {
    double weighted = 0;
    double weights = 0;
    for (int i = 0; i < grades.size(); i++) {
      double weight = evalCase.graders().get(i).weight();
      weighted += weight * grades.get(i).score();
      weights += weight;
    }
    // Only zero-weight graders: they inform (their details show) but cannot lower the score.
    double score = weights > 0 ? weighted / weights : 1;
    boolean full = grades.stream().allMatch(Grade::full);
    return full ? new SideResult(score, grades, answer, null, null)
        : new SideResult(score, grades, answer, classifier.classify(evalCase, answer, grades),
            DifferenceClassifier.detail(evalCase.graders(), grades));
  }
}
