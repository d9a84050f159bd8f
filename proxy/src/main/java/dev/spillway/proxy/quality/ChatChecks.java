package dev.spillway.proxy.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.spillway.config.QualityCheck;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-answer checks of chat completions. Each answers "what is wrong with this answer" in a
 * few words (the reason shows in the fallback header, traces and metrics), or nothing. Stateless
 * apart from the shared schema cache; thread-safe.
 */
public final class ChatChecks {
  /** Openings that mean "no" whatever the question; only looked for at the start of an answer. */
  private static final Pattern REFUSAL_OPENING =
      Pattern.compile(
          "^\\W{0,3}(i[’']?m sorry,? but i (can(no|[’'])t|am unable|won[’']?t)"
              + "|i (can(no|[’'])t|am unable to|won[’']?t) (help|assist|comply|provide)|sorry, i can(no|[’'])t)",
          Pattern.CASE_INSENSITIVE);
  private static final int REFUSAL_PREFIX = 80;
  private static final double MIN_SCRIPT_SHARE = 0.2;
  /**
   * Longest a stream's first token is held back to judge its opening: long enough for a fast
   * provider's first few words, short enough that time to first token hardly moves.
   */
  static final long PREFIX_HOLD_NANOS = 150_000_000L;

  /** Strict: "{...} and then some text" is not the JSON document the caller asked for. */
  private final ObjectReader json;
  private final SchemaCache schemas = new SchemaCache();

  public ChatChecks(ObjectMapper mapper) {
    this.json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** The first enabled check the answer fails, as a reason like "empty output". */
  public Optional<CheckFailure> failure(ChatAnswer answer, RequestExpectations expected, Set<QualityCheck> checks) {
    if (checks.contains(QualityCheck.EMPTY) && !answer.hasOutput()) {
      return Optional.of(CheckFailure.target(
          answer.finishReason() == null ? "empty output" : "empty output (" + answer.finishReason() + ")"));
    }
    if (checks.contains(QualityCheck.REFUSAL)) {
      Optional<String> refusal = refusal(answer);
      if (refusal.isPresent()) {
        return refusal.map(CheckFailure::target);
      }
    }
    if (checks.contains(QualityCheck.TRUNCATED) && "length".equals(answer.finishReason()) && !expected.lengthBounded()) {
      return Optional.of(CheckFailure.target("truncated (finish_reason length)"));
    }
    // JSON mode, schemas and tool schemas are the request's own constraints: a miss fails this call
    // over, but says little about the target's health (a prompt can make any model answer in prose).
    if (expected.json() && answer.refusal() == null && answer.toolCalls().isEmpty()
        && (checks.contains(QualityCheck.JSON) || checks.contains(QualityCheck.SCHEMA))) {
      Optional<String> json = json(answer.text(), expected, checks);
      if (json.isPresent()) {
        return json.map(CheckFailure::request);
      }
    }
    if (checks.contains(QualityCheck.TOOL_ARGUMENTS)) {
      Optional<String> tools = toolArguments(answer, expected);
      if (tools.isPresent()) {
        return tools.map(CheckFailure::request);
      }
    }
    if (checks.contains(QualityCheck.SCRIPT) && expected.promptScript() != null
        && Scripts.share(answer.text(), expected.promptScript()) < MIN_SCRIPT_SHARE) {
      return Optional.of(CheckFailure.target(
          "wrong script (prompt in " + expected.promptScript().name().toLowerCase() + ")"));
    }
    if (checks.contains(QualityCheck.REPETITION) && Repetition.degenerate(answer.text())) {
      return Optional.of(CheckFailure.target("degenerate repetition"));
    }
    return Optional.empty();
  }

  /**
   * The checks a stream's held-back prefix can fail before its first token goes out: nothing at all
   * (the stream ended without a token), a refusal field or a content-filter ending; the rest needs
   * the whole answer.
   */
  public Optional<CheckFailure> prefixFailure(ChatAnswer prefix, Set<QualityCheck> checks) {
    if (checks.contains(QualityCheck.EMPTY) && !prefix.hasOutput()) {
      return Optional.of(CheckFailure.target(
          prefix.finishReason() == null ? "empty output" : "empty output (" + prefix.finishReason() + ")"));
    }
    if (checks.contains(QualityCheck.REFUSAL)
        && ((prefix.refusal() != null && !prefix.refusal().isBlank()) || "content_filter".equals(prefix.finishReason()))) {
      return refusal(prefix).map(CheckFailure::target);
    }
    if (checks.contains(QualityCheck.REPETITION) && Repetition.degenerateOpening(prefix.text())) {
      return Optional.of(CheckFailure.target("degenerate repetition"));
    }
    return Optional.empty();
  }

  /**
   * Whether a stream's prefix is still too short for the prefix checks to judge: with the
   * repetition check on, a prefix is held until it has a few words (a loop shows in its first
   * words), for at most {@link #PREFIX_HOLD_NANOS} after its first token.
   */
  public boolean prefixTooShort(ChatAnswer prefix, Set<QualityCheck> checks, long sinceFirstTokenNanos) {
    return checks.contains(QualityCheck.REPETITION)
        && sinceFirstTokenNanos < PREFIX_HOLD_NANOS
        && Repetition.tooShortToJudgeOpening(prefix.text());
  }

  private static Optional<String> refusal(ChatAnswer answer) {
    if ("content_filter".equals(answer.finishReason())) {
      return Optional.of("content filter");
    }
    if (answer.refusal() != null && !answer.refusal().isBlank()) {
      return Optional.of("refusal");
    }
    String text = answer.text().strip();
    String opening = text.substring(0, Math.min(REFUSAL_PREFIX, text.length()));
    return REFUSAL_OPENING.matcher(opening).find() ? Optional.of("refusal") : Optional.empty();
  }

  private Optional<String> json(String text, RequestExpectations expected, Set<QualityCheck> checks) {
    JsonNode value = parse(text);
    if (value == null) {
      return Optional.of("invalid JSON under JSON mode");
    }
    if (checks.contains(QualityCheck.SCHEMA) && expected.schema() != null) {
      return schemas.violation(expected.schema(), value).map(v -> "schema violation: " + v);
    }
    return Optional.empty();
  }

  private Optional<String> toolArguments(ChatAnswer answer, RequestExpectations expected) {
    for (ChatAnswer.ToolCall call : answer.toolCalls()) {
      JsonNode arguments = parse(call.arguments());
      if (arguments == null || !arguments.isObject()) {
        return Optional.of("tool call " + call.name() + ": arguments are not a JSON object");
      }
      JsonNode parameters = expected.toolParameters().get(call.name());
      if (parameters != null) {
        Optional<String> violation = schemas.violation(parameters, arguments);
        if (violation.isPresent()) {
          return Optional.of("tool call " + call.name() + ": " + violation.get());
        }
      }
    }
    return Optional.empty();
  }

  /** The JSON value of the text, or null when it is not one JSON document. */
  private JsonNode parse(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
