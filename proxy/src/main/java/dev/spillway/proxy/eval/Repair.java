package dev.spillway.proxy.eval;

import dev.spillway.config.rollout.GraderConfig.Check;
import dev.spillway.config.rollout.GraderConfig.Contains;
import dev.spillway.config.rollout.GraderConfig.Exact;
import dev.spillway.config.rollout.GraderConfig.Regex;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness differences an answer is repaired for before it is called wrong. Each undoes one
 * habit models differ in; {@link DifferenceClassifier} tries them in this order.
 */
enum Repair {
  /** ```json … ``` around an answer that is otherwise what was asked. */
  CODE_FENCE(Reason.CODE_FENCE) {
    private final Pattern fence = Pattern.compile("^\\s*```[\\w+-]*[ \\t]*\\r?\\n?(.*?)\\r?\\n?```\\s*$", Pattern.DOTALL);

    @Override
    String text(String answer) {
      Matcher matcher = fence.matcher(answer);
      return matcher.matches() ? matcher.group(1) : answer;
    }
  },
  /** Escaped once too often (\" \n \u00e9), or HTML entities where the text was wanted. */
  ESCAPING(Reason.ESCAPING) {
    private final Pattern escape = Pattern.compile("\\\\(u[0-9a-fA-F]{4}|[\"\\\\/nrt])|&(quot|amp|lt|gt|#39|apos);");

    @Override
    String text(String answer) {
      String inner = answer.strip();
      // A whole answer sent as a JSON string literal: "\"Paris\"" is Paris in quotes.
      if (inner.length() >= 2 && inner.startsWith("\"") && inner.endsWith("\"")) {
        inner = inner.substring(1, inner.length() - 1);
      }
      Matcher matcher = escape.matcher(inner);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(unescape(matcher)));
      }
      matcher.appendTail(out);
      return out.toString();
    }

    private String unescape(Matcher matcher) {
      String code = matcher.group(1);
      if (code == null) {
        return switch (matcher.group(2)) {
          case "quot" -> "\"";
          case "amp" -> "&";
          case "lt" -> "<";
          case "gt" -> ">";
          default -> "'";
        };
      }
      return switch (code.charAt(0)) {
        case 'u' -> String.valueOf((char) Integer.parseInt(code.substring(1), 16));
        case 'n' -> "\n";
        case 'r' -> "\r";
        case 't' -> "\t";
        default -> code;
      };
    }
  },
  /** Different spacing, capitals or a closing full stop: "Paris." for "paris". */
  WHITESPACE_OR_CASE(Reason.WHITESPACE_OR_CASE) {
    @Override
    String text(String answer) {
      return normalise(answer);
    }

    @Override
    Check check(Check check) {
      if (check instanceof Exact exact) {
        return new Exact(normalise(exact.value()), true);
      } else if (check instanceof Contains contains) {
        return new Contains(normalise(contains.value()), true);
      } else if (check instanceof Regex regex) {
        return new Regex(regex.pattern(), true);
      }
      return check;
    }

    private String normalise(String text) {
      return text.strip().replaceAll("\\s+", " ").replaceAll("[.!]+$", "");
    }
  };

  private final Reason reason;

  Repair(Reason reason) {
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }

  abstract String text(String answer);

  /** The check as it applies to the repaired answer (most repairs change only the answer). */
  Check check(Check check) {
    return check;
  }
}
