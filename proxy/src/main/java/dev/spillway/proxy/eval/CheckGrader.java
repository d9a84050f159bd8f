package dev.spillway.proxy.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.rollout.GraderConfig.Check;
import dev.spillway.config.rollout.GraderConfig.Contains;
import dev.spillway.config.rollout.GraderConfig.Exact;
import dev.spillway.config.rollout.GraderConfig.JsonPathEquals;
import dev.spillway.config.rollout.GraderConfig.JsonSchema;
import dev.spillway.config.rollout.GraderConfig.JsonValid;
import dev.spillway.config.rollout.GraderConfig.MaxLatency;
import dev.spillway.config.rollout.GraderConfig.Regex;
import dev.spillway.config.rollout.GraderConfig.ToolCall;
import dev.spillway.proxy.quality.ChatAnswer;
import dev.spillway.proxy.quality.SchemaCache;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The deterministic graders: one answer, one check, a pass or a fail with its reason. Thread-safe. */
final class CheckGrader {
  private static final int QUOTE_CHARS = 60;

  private final ObjectMapper mapper;
  private final SchemaCache schemas = new SchemaCache();
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  CheckGrader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The grade; a judge is not graded here (it calls a model): it throws. */
  Grade grade(Check check, EvalAnswer side) {
    if (!side.ok()) {
      return Grade.fail("call failed: " + side.failure());
    }
    String text = side.answer().text();
    // Java 17 has no pattern switch: one instanceof per kind, exhaustive by the final throw.
    if (check instanceof Exact exact) {
      return Grade.of(equal(text.strip(), exact.value().strip(), exact.ignoreCase()),
          "expected exactly \"" + quote(exact.value()) + "\", got \"" + quote(text) + "\"");
    } else if (check instanceof Contains contains) {
      return Grade.of(contains(text, contains.value(), contains.ignoreCase()),
          "expected \"" + quote(contains.value()) + "\" in \"" + quote(text) + "\"");
    } else if (check instanceof Regex regex) {
      return Grade.of(pattern(regex).matcher(text).find(),
          "\"" + quote(text) + "\" does not match /" + regex.pattern() + "/");
    } else if (check instanceof JsonValid) {
      return parse(text).isPresent() ? Grade.PASS : Grade.fail("not valid JSON: \"" + quote(text) + "\"");
    } else if (check instanceof JsonSchema schema) {
      return schema(schema, text);
    } else if (check instanceof JsonPathEquals path) {
      return path(path, text);
    } else if (check instanceof ToolCall tool) {
      return tool(tool, side.answer());
    } else if (check instanceof MaxLatency max) {
      return Grade.of(side.latencyMs() <= max.millis(), "took " + side.latencyMs() + " ms, limit " + max.millis() + " ms");
    }
    throw new IllegalArgumentException("not a deterministic check: " + check.getClass().getSimpleName());
  }

  private static boolean equal(String a, String b, boolean ignoreCase) {
    return ignoreCase ? a.equalsIgnoreCase(b) : a.equals(b);
  }

  private static boolean contains(String text, String part, boolean ignoreCase) {
    return ignoreCase ? text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT)) : text.contains(part);
  }

  private Pattern pattern(Regex regex) {
    return patterns.computeIfAbsent((regex.ignoreCase() ? "i:" : "s:") + regex.pattern(),
        key -> Pattern.compile(regex.pattern(), regex.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0));
  }

  private Grade schema(JsonSchema schema, String text) {
    Optional<JsonNode> value = parse(text);
    if (value.isEmpty()) {
      return Grade.fail("not valid JSON, so it cannot match the schema: \"" + quote(text) + "\"");
    }
    return schemas.violation(schema.schema(), value.get())
        .map(violation -> Grade.fail("does not match the schema: " + violation))
        .orElse(Grade.PASS);
  }

  private Grade path(JsonPathEquals path, String text) {
    Optional<JsonNode> value = parse(text);
    if (value.isEmpty()) {
      return Grade.fail("not valid JSON, so " + path.path() + " cannot be read: \"" + quote(text) + "\"");
    }
    JsonNode found = value.get().at(path.pointer());
    if (found.isMissingNode()) {
      return Grade.fail(path.path() + " is missing");
    }
    return Grade.of(sameValue(found, path.expected()),
        path.path() + " is " + found + ", expected " + path.expected());
  }

  private Grade tool(ToolCall expected, ChatAnswer answer) {
    if (answer.toolCalls().isEmpty()) {
      return Grade.fail("expected a call of " + expected.name() + ", got no tool call");
    }
    String called = answer.toolCalls().stream().map(ChatAnswer.ToolCall::name).toList().toString();
    for (ChatAnswer.ToolCall call : answer.toolCalls()) {
      if (call.name().equals(expected.name())) {
        return expected.arguments() == null ? Grade.PASS : arguments(expected, call.arguments());
      }
    }
    return Grade.fail("expected a call of " + expected.name() + ", got " + called);
  }

  private Grade arguments(ToolCall expected, String arguments) {
    JsonNode given;
    try {
      given = mapper.readTree(arguments);
    } catch (JsonProcessingException bad) {
      return Grade.fail(expected.name() + " arguments are not valid JSON: \"" + quote(arguments) + "\"");
    }
    var fields = expected.arguments().fields();
    while (fields.hasNext()) {
      var field = fields.next();
      JsonNode actual = given.path(field.getKey());
      if (actual.isMissingNode() || !sameValue(actual, field.getValue())) {
        return Grade.fail(expected.name() + " argument " + field.getKey() + " is "
            + (actual.isMissingNode() ? "missing" : actual.toString()) + ", expected " + field.getValue());
      }
    }
    return Grade.PASS;
  }

  /** JSON equality where 1, 1.0 and 1e0 are one number, as a reader of the answer would take them. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size() && a.getNodeType() == b.getNodeType()) {
      if (a.isArray()) {
        for (int i = 0; i < a.size(); i++) {
          if (!sameValue(a.get(i), b.get(i))) {
            return false;
          }
        }
        return true;
      }
      var names = a.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!b.has(name) || !sameValue(a.get(name), b.get(name))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** The text as one JSON value, or empty (trailing content after the value is not JSON either). */
  Optional<JsonNode> parse(String text) {
    try {
      return Optional.ofNullable(mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text))
          .filter(node -> !node.isMissingNode());
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
  }

  /** A short excerpt for reports: answers can be long. */
  static String quote(String text) {
    String flat = text.replace("\n", "\\n");
    return flat.length() <= QUOTE_CHARS ? flat : flat.substring(0, QUOTE_CHARS) + "…";
  }
}
