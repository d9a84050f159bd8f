package dev.spillway.compiler;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spillway.api.v1alpha1.ConfigMapKey;
import dev.spillway.api.v1alpha1.EvalCase;
import dev.spillway.api.v1alpha1.EvalSetSpec;
import dev.spillway.config.rollout.EvalCaseConfig;
import dev.spillway.config.rollout.EvalSetConfig;
import dev.spillway.config.rollout.GraderConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** EvalSet → {@link EvalSetConfig}: inline cases, then the JSONL lines of its ConfigMap. */
final class EvalSetCompiler {
  /** Lines of a JSONL case file are read as strictly as YAML resources: a typo is an error. */
  private static final ObjectMapper JSONL =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Map<String, Map<String, String>> configMaps;
  private final GraderCompiler graders;

  /**
   * @param configMaps ConfigMap name → key → value, of the same namespace or folder
   * @param modelNames the LogicalModels a judge may name
   */
  EvalSetCompiler(Map<String, Map<String, String>> configMaps, Set<String> modelNames) {
    this.configMaps = configMaps;
    this.graders = new GraderCompiler(modelNames);
  }

  EvalSetConfig compile(String name, EvalSetSpec spec, FieldChecker check) {
    if (!check.require("spec", spec, "an EvalSet needs cases or casesFrom")) {
      return null;
    }
    List<EvalCaseConfig> cases = new ArrayList<>();
    Map<String, String> firstField = new HashMap<>();
    List<EvalCase> inline = spec.cases == null ? List.of() : spec.cases;
    for (int i = 0; i < inline.size(); i++) {
      addCase("spec.cases[" + i + "]", inline.get(i), cases, firstField, check);
    }
    if (spec.casesFrom != null) {
      readLines(spec.casesFrom, cases, firstField, check);
    }
    if (cases.isEmpty() && firstField.isEmpty()) {
      check.report("spec.cases", "needs at least one case (inline or through casesFrom)");
    }
    int maxCalls = EvalSetConfig.DEFAULT_JUDGE_MAX_CALLS;
    Double maxCost = null;
    if (spec.judgeBudget != null) {
      maxCalls = check.integer("spec.judgeBudget.maxCalls", spec.judgeBudget.maxCalls, Range.atLeast(1), maxCalls);
      maxCost = check.optionalNumber("spec.judgeBudget.maxCostUsd", spec.judgeBudget.maxCostUsd, Range.atLeast(0));
    }
    return new EvalSetConfig(name, cases, maxCalls, maxCost);
  }

  private void readLines(ConfigMapKey from, List<EvalCaseConfig> cases, Map<String, String> firstField,
      FieldChecker check) {
    String field = "spec.casesFrom";
    if (!check.require(field + ".name", from.name, "the ConfigMap holding the cases")
        | !check.require(field + ".key", from.key, "the key holding the JSONL")) {
      return;
    }
    Map<String, String> data = configMaps.get(from.name);
    if (data == null) {
      check.report(field + ".name", "unknown ConfigMap \"" + from.name + "\"" + Names.known("ConfigMaps", configMaps.keySet()));
      return;
    }
    String jsonl = data.get(from.key);
    if (jsonl == null) {
      check.report(field + ".key", "ConfigMap \"" + from.name + "\" has no key \"" + from.key + "\""
          + Names.known("keys", data.keySet()));
      return;
    }
    String[] lines = jsonl.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String at = field + "[line " + (i + 1) + "]";
      try {
        addCase(at, JSONL.readValue(lines[i], EvalCase.class), cases, firstField, check);
      } catch (UnrecognizedPropertyException unknown) {
        String inside = JsonPaths.of(unknown.getPath());
        check.report(at + "." + inside, "unknown field \"" + unknown.getPropertyName() + "\"; known fields here: "
            + String.join(", ", new TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList())));
      } catch (JsonMappingException bad) {
        String inside = JsonPaths.of(bad.getPath());
        check.report(inside.isEmpty() ? at : at + "." + inside,
            "does not fit an eval case: " + bad.getOriginalMessage());
      } catch (Exception bad) {
        check.report(at, "is not valid JSON: " + firstLine(bad.getMessage()));
      }
    }
  }

  private static String firstLine(String message) {
    return message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
  }

  private void addCase(String field, EvalCase given, List<EvalCaseConfig> cases, Map<String, String> firstField,
      FieldChecker check) {
    if (given == null) {
      check.report(field, "is empty: a case needs name, request and graders");
      return;
    }
    if (check.require(field + ".name", given.name, "a name unique in the set")) {
      String earlier = firstField.putIfAbsent(given.name, field);
      if (earlier != null) {
        check.report(field + ".name", "duplicate case name \"" + given.name + "\": also " + earlier);
      }
    }
    checkRequest(field + ".request", given, check);
    List<GraderConfig> compiled = new ArrayList<>();
    if (given.graders == null || given.graders.isEmpty()) {
      check.report(field + ".graders", "needs at least one grader: one of " + GraderCompiler.KINDS);
    } else {
      for (int i = 0; i < given.graders.size(); i++) {
        GraderConfig grader = graders.compile(field + ".graders[" + i + "]", given.graders.get(i), check);
        if (grader != null) {
          compiled.add(grader);
        }
      }
    }
    double weight = check.number(field + ".weight", given.weight, Range.atLeast(0), 1);
    List<String> tags = check.words(field + ".tags", given.tags);
    if (given.name != null && given.request != null && !compiled.isEmpty()) {
      cases.add(new EvalCaseConfig(given.name, weight, tags == null ? List.of() : tags, given.request, compiled));
    }
  }

  private static void checkRequest(String field, EvalCase given, FieldChecker check) {
    if (!check.require(field, given.request, "an OpenAI chat request with messages")) {
      return;
    }
    if (!given.request.path("messages").isArray() || given.request.path("messages").isEmpty()) {
      check.report(field + ".messages", "is required: a non-empty list of chat messages");
    }
    if (given.request.has("model")) {
      check.report(field + ".model", "must not be set: each side sends its own model id");
    }
    if (given.request.path("stream").asBoolean(false)) {
      check.report(field + ".stream", "must not be true: eval calls are plain calls");
    }
  }
}
