package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.RouterConfig;
import dev.spillway.config.rollout.EvalCaseConfig;
import dev.spillway.config.rollout.EvalSetConfig;
import dev.spillway.config.rollout.GraderConfig;
import dev.spillway.config.rollout.RolloutConfig;
import dev.spillway.config.rollout.RolloutConfig.GuardsConfig;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.api.CrdSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EvalSets and ModelRollouts: what they compile to, and problems that name the field. */
class RolloutCompilerTest {
  private static final String BASE = """
      apiVersion: spillway.dev/v1alpha1
      kind: ProviderAccount
      metadata: {name: sim-a}
      spec: {provider: simulated}
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: ProviderAccount
      metadata: {name: sim-b}
      spec: {provider: simulated}
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: LogicalModel
      metadata: {name: chat}
      spec:
        targets:
          - {account: sim-a, model: m1}
          - {account: sim-a, model: m0}
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: LogicalModel
      metadata: {name: judge}
      spec:
        targets: [{account: sim-b, model: j1}]
      ---
      """;
  private static final String EVALS = """
      apiVersion: spillway.dev/v1alpha1
      kind: EvalSet
      metadata: {name: evals}
      spec:
        cases:
          - name: one
            tags: [facts]
            request: {messages: [{role: user, content: hi}]}
            graders: [%s]
        casesFrom: {name: more, key: cases.jsonl}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: more}
      data:
        cases.jsonl: |
          %s
      ---
      """;
  private static final String GOOD_LINE =
      "{\"name\": \"two\", \"weight\": 3, \"request\": {\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]},"
          + " \"graders\": [{\"jsonPath\": {\"path\": \"$.items[0]['id']\", \"equals\": 7}}]}";
  private static final String ROLLOUT = """
      apiVersion: spillway.dev/v1alpha1
      kind: ModelRollout
      metadata: {name: swap}
      spec:
        model: chat
        candidate: {account: sim-b, model: m2, pricing: {inputPerMTok: 1}}
        evalSet: evals
        %s
      """;

  @Test
  void compilesCasesInlineAndFromJsonlAndTheRolloutWithDefaults() {
    RolloutCompileResult result = compile(evals("{contains: hi, ignoreCase: true}", GOOD_LINE)
        + rollout("canary: {steps: [{percent: 5, duration: 1m}, {percent: 100, duration: 2m}]}"));

    assertThat(result.problems()).isEmpty();
    EvalSetConfig set = result.evalSets().get("evals");
    assertThat(set.cases()).extracting(EvalCaseConfig::name).containsExactly("one", "two");
    assertThat(set.cases().get(0).graders()).containsExactly(
        new GraderConfig(new GraderConfig.Contains("hi", true), 1));
    assertThat(set.cases().get(0).tags()).containsExactly("facts");
    assertThat(set.cases().get(1).weight()).isEqualTo(3);
    assertThat(((GraderConfig.JsonPathEquals) set.cases().get(1).graders().get(0).check()).pointer())
        .isEqualTo("/items/0/id");
    assertThat(set.judgeMaxCalls()).isEqualTo(EvalSetConfig.DEFAULT_JUDGE_MAX_CALLS);
    RolloutConfig rollout = result.rollout("swap").orElseThrow();
    assertThat(rollout.incumbent()).as("no replaces: the model's first target").isEqualTo("sim-a/m1");
    assertThat(rollout.candidate().id()).isEqualTo("sim-b/m2");
    assertThat(rollout.candidate().pricing().inputPerMTok()).isEqualTo(1);
    assertThat(rollout.gate()).isEqualTo(RolloutConfig.GateConfig.DEFAULT);
    assertThat(rollout.canary().steps()).extracting(RolloutConfig.StepConfig::durationMs).containsExactly(60_000L, 120_000L);
    assertThat(rollout.canary().guards()).isEqualTo(GuardsConfig.DEFAULT);
    assertThat(rollout.shadow()).isNull();
  }

  @Test
  void replacesNamesTheIncumbent() {
    RolloutCompileResult result = compile(evals("{exact: hi}", GOOD_LINE)
        + rollout("replaces: sim-a/m0\n  shadow: {percent: 10, duration: 30s, maxSpendUsd: 2}"));

    assertThat(result.problems()).isEmpty();
    assertThat(result.rollout("swap").orElseThrow().incumbent()).isEqualTo("sim-a/m0");
    assertThat(result.rollout("swap").orElseThrow().shadow()).isEqualTo(new RolloutConfig.ShadowConfig(10, 30_000, 2.0));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{exact: a, contains: b}                          | EvalSet/evals spec.cases[0].graders[0]: sets 2 checks",
      "{}                                               | EvalSet/evals spec.cases[0].graders[0]: sets no check",
      "{regex: 'a(b'}                                   | EvalSet/evals spec.cases[0].graders[0].regex: is not a valid regular expression",
      "{judge: {model: nobody, rubric: r}}              | EvalSet/evals spec.cases[0].graders[0].judge.model: unknown LogicalModel \"nobody\"; known models: chat, judge",
      "{jsonPath: {path: '$..x', equals: 1}}            | EvalSet/evals spec.cases[0].graders[0].jsonPath.path: \"$..x\" is not a supported path",
      "{maxLatency: fast}                               | EvalSet/evals spec.cases[0].graders[0].maxLatency: \"fast\" is not a duration",
      "{json: false}                                    | EvalSet/evals spec.cases[0].graders[0].json: false checks nothing",
      "{contains: x, ignoreCase: true, weight: -1}      | EvalSet/evals spec.cases[0].graders[0].weight: must be at least 0",
      "{toolCall: {arguments: {a: 1}}}                  | EvalSet/evals spec.cases[0].graders[0].toolCall.name: is required",
  })
  void aBadGraderIsNamedByItsField(String grader, String problem) {
    RolloutCompileResult result = compile(evals(grader, GOOD_LINE));

    assertThat(result.problems()).extracting(Problem::toString).anySatisfy(line -> assertThat(line).startsWith(problem));
    assertThat(result.evalSets()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"name\": \"two\", \"graders\": [{\"exact\": \"x\"}], \"request\": {\"messages\": []}} | spec.casesFrom[line 1].request.messages: is required",
      "{\"name\": \"two\", \"grader\": []}                                                   | spec.casesFrom[line 1].grader: unknown field \"grader\"; known fields here: graders, name, request, tags, weight",
      "{\"name\": \"one\", \"graders\": [{\"exact\": \"x\"}], \"request\": {\"messages\": [{}]}} | spec.casesFrom[line 1].name: duplicate case name \"one\": also spec.cases[0]",
      "{not json                                                                         | spec.casesFrom[line 1]: is not valid JSON",
      "{\"name\": \"two\", \"graders\": [{\"exact\": \"x\"}], \"request\": {\"model\": \"m\", \"messages\": [{}]}} | spec.casesFrom[line 1].request.model: must not be set",
  })
  void aBadJsonlLineIsNamedByItsLine(String line, String problem) {
    RolloutCompileResult result = compile(evals("{exact: hi}", line));

    assertThat(result.problems()).extracting(Problem::toString)
        .anySatisfy(text -> assertThat(text).startsWith("EvalSet/evals " + problem));
  }

  @Test
  void aMissingConfigMapIsNamed() {
    RolloutCompileResult result = compile(evals("{exact: hi}", GOOD_LINE).replace("name: more, key", "name: less, key"));

    assertThat(result.problems()).extracting(Problem::toString)
        .containsExactly("EvalSet/evals spec.casesFrom.name: unknown ConfigMap \"less\"; known ConfigMaps: more");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "replaces: sim-a/m9                                    | spec.replaces: \"sim-a/m9\" is not a target of LogicalModel \"chat\"; its targets: sim-a/m1, sim-a/m0",
      "canary: {steps: [{percent: 50, duration: 1m}, {percent: 20, duration: 1m}]} | spec.canary.steps[1].percent: must be greater than the previous step's 50: steps only grow",
      "canary: {steps: []}                                   | spec.canary.steps: needs at least one step",
      "canary: {steps: [{percent: 0, duration: 1m}]}         | spec.canary.steps[0].percent: must be greater than 0 and at most 100",
      "canary: {steps: [{percent: 5, duration: 1m}], guards: {maxErrorRateIncrease: 2}} | spec.canary.guards.maxErrorRateIncrease: must be between 0 and 1",
      "gate: {tolerance: 1.5}                                | spec.gate.tolerance: must be between 0 and 1",
      "shadow: {percent: 10}                                 | spec.shadow.duration: is required",
  })
  void aBadRolloutIsNamedByItsField(String extra, String problem) {
    RolloutCompileResult result = compile(evals("{exact: hi}", GOOD_LINE) + rollout(extra));

    assertThat(result.problems()).extracting(Problem::toString)
        .anySatisfy(text -> assertThat(text).startsWith("ModelRollout/swap " + problem));
    assertThat(result.rollouts()).isEmpty();
    assertThat(result.evalSets()).as("a bad rollout does not take its EvalSet down").containsKey("evals");
  }

  @Test
  void aCandidateMustBeNewAndItsEvalSetMustCompile() {
    RolloutCompileResult result = compile(evals("{regex: '('}", GOOD_LINE)
        + rollout("").replace("account: sim-b, model: m2", "account: sim-a, model: m1"));

    assertThat(result.problemsOf("ModelRollout", "swap")).extracting(Problem::toString).containsExactly(
        "ModelRollout/swap spec.evalSet: EvalSet \"evals\" has problems of its own: see its status",
        "ModelRollout/swap spec.candidate: sim-a/m1 is already a target of LogicalModel \"chat\": a candidate must"
            + " be a new account/model");
  }

  @Test
  void theRolloutSampleCompiles() {
    Path sample = Path.of(System.getProperty("basedir", "."), "..", "samples", "rollout");
    LoadedResources loaded = ResourceYaml.readFolder(sample);
    CompileResult config = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty()));
    assertThat(loaded.problems()).isEmpty();
    assertThat(config.problems()).isEmpty();

    RolloutCompileResult result = new RolloutCompiler().compile(loaded.rollouts(), config.config());

    assertThat(result.problems()).isEmpty();
    assertThat(result.rollouts()).containsOnlyKeys("support-better", "support-worse", "support-degrading");
    assertThat(result.evalSets().get("support-evals").cases()).hasSize(6);
  }

  @Test
  void theRolloutSampleFitsTheCrdSchemas() throws IOException {
    Path sample = Path.of(System.getProperty("basedir", "."), "..", "samples", "rollout");
    CrdSchemas schemas = CrdSchemas.load();
    int checked = 0;
    try (var files = Files.list(sample)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        for (JsonNode resource : CrdSchemas.documents(Files.readString(file))) {
          assertThat(schemas.violations(resource)).as(file + " " + resource.path("metadata")).isEmpty();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
    JsonNode twoChecks = CrdSchemas.documents("""
        apiVersion: spillway.dev/v1alpha1
        kind: ModelRollout
        metadata: {name: x}
        spec: {model: m, evalSet: e, candidate: {account: a}}
        """).get(0);
    assertThat(schemas.violations(twoChecks)).singleElement().asString().contains("model");
  }

  private static String evals(String grader, String line) {
    return EVALS.formatted(grader, line);
  }

  private static String rollout(String extra) {
    return ROLLOUT.formatted(extra);
  }

  private static RolloutCompileResult compile(String yaml) {
    LoadedResources loaded = ResourceYaml.readString("test.yaml", BASE + yaml);
    assertThat(loaded.problems()).isEmpty();
    RouterConfig config = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty())).config();
    return new RolloutCompiler().compile(loaded.rollouts(), config);
  }
}
