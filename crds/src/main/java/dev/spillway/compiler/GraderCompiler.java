package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.EvalGrader;
import dev.spillway.config.rollout.GraderConfig;
import dev.spillway.config.rollout.GraderConfig.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One {@link EvalGrader}: exactly one kind of check, its settings checked here so runs never fail on them. */
final class GraderCompiler {
  static final String KINDS = "exact, contains, regex, json, jsonSchema, jsonPath, toolCall, maxLatency, judge";

  private final Set<String> modelNames;

  /** @param modelNames the LogicalModels a judge may name */
  GraderCompiler(Set<String> modelNames) {
    this.modelNames = modelNames;
  }

  GraderConfig compile(String field, EvalGrader grader, FieldChecker check) {
    if (grader == null) {
      check.report(field, "is empty: set one of " + KINDS);
      return null;
    }
    List<Check> checks = new ArrayList<>();
    if (grader.exact != null) {
      checks.add(new GraderConfig.Exact(grader.exact, Boolean.TRUE.equals(grader.ignoreCase)));
    }
    if (grader.contains != null) {
      checks.add(new GraderConfig.Contains(grader.contains, Boolean.TRUE.equals(grader.ignoreCase)));
    }
    if (grader.regex != null) {
      checks.add(regex(field + ".regex", grader.regex, Boolean.TRUE.equals(grader.ignoreCase), check));
    }
    if (grader.json != null) {
      if (!grader.json) {
        check.report(field + ".json", "false checks nothing: set true, or leave the grader out");
      }
      checks.add(new GraderConfig.JsonValid());
    }
    if (grader.jsonSchema != null) {
      if (!grader.jsonSchema.isObject() && !grader.jsonSchema.isBoolean()) {
        check.report(field + ".jsonSchema", "must be a JSON schema (a mapping)");
      }
      checks.add(new GraderConfig.JsonSchema(grader.jsonSchema));
    }
    if (grader.jsonPath != null) {
      checks.add(jsonPath(field + ".jsonPath", grader, check));
    }
    if (grader.toolCall != null) {
      check.require(field + ".toolCall.name", grader.toolCall.name, "the function the answer must call");
      checks.add(new GraderConfig.ToolCall(grader.toolCall.name, grader.toolCall.arguments));
    }
    if (grader.maxLatency != null) {
      checks.add(new GraderConfig.MaxLatency(check.duration(field + ".maxLatency", grader.maxLatency, 1)));
    }
    if (grader.judge != null) {
      checks.add(judge(field + ".judge", grader, check));
    }
    if (grader.ignoreCase != null && grader.exact == null && grader.contains == null && grader.regex == null) {
      check.report(field + ".ignoreCase", "applies only to exact, contains and regex");
    }
    if (checks.size() != 1) {
      check.report(field, (checks.isEmpty() ? "sets no check" : "sets " + checks.size() + " checks")
          + ": set exactly one of " + KINDS + " per grader");
      return null;
    }
    return new GraderConfig(checks.get(0), check.number(field + ".weight", grader.weight, Range.atLeast(0), 1));
  }

  private static Check regex(String field, String pattern, boolean ignoreCase, FieldChecker check) {
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException bad) {
      check.report(field, "is not a valid regular expression: " + bad.getDescription()
          + " near index " + bad.getIndex());
    }
    return new GraderConfig.Regex(pattern, ignoreCase);
  }

  private static Check jsonPath(String field, EvalGrader grader, FieldChecker check) {
    String path = grader.jsonPath.path;
    String pointer = "";
    if (check.require(field + ".path", path, "where to look, e.g. $.city")) {
      pointer = JsonPathPointer.of(path).orElse("");
      if (pointer.isEmpty() && !path.equals("$")) {
        check.report(field + ".path", "\"" + path + "\" is not a supported path: " + JsonPathPointer.SYNTAX);
      }
    }
    check.require(field + ".equals", grader.jsonPath.equals, "the value expected at the path");
    return new GraderConfig.JsonPathEquals(path, pointer, grader.jsonPath.equals);
  }

  private Check judge(String field, EvalGrader grader, FieldChecker check) {
    String model = grader.judge.model;
    if (check.require(field + ".model", model, "the LogicalModel that judges") && !modelNames.contains(model)) {
      check.report(field + ".model", "unknown LogicalModel \"" + model + "\"" + Names.known("models", modelNames));
    }
    check.require(field + ".rubric", grader.judge.rubric, "what a good answer does");
    return new GraderConfig.Judge(model, grader.judge.rubric);
  }
}
