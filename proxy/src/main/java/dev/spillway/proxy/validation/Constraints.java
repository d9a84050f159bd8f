package dev.spillway.proxy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The constraints the rule sets are made of. */
public final class Constraints {
  private Constraints() {}

  /** A JSON number in [min, max]. */
  public static Constraint number(double min, double max) {
    return (path, value) -> {
      if (!value.isNumber()) {
        throw InvalidParam.TYPE.at(path, "'" + path + "' must be a number, not " + kind(value));
      }
      range(path, value.asDouble(), min, max);
    };
  }

  /** A JSON integer (no fraction) in [min, max]. */
  public static Constraint integer(long min, long max) {
    return (path, value) -> {
      if (!value.isIntegralNumber()) {
        throw InvalidParam.TYPE.at(path, "'" + path + "' must be an integer, not " + kind(value));
      }
      if (!value.canConvertToLong()) {
        throw (value.bigIntegerValue().signum() < 0 ? InvalidParam.BELOW_MIN : InvalidParam.ABOVE_MAX)
            .at(path, "'" + path + "' must be between " + min + " and " + max);
      }
      range(path, value.asLong(), min, max);
    };
  }

  public static Constraint bool() {
    return (path, value) -> {
      if (!value.isBoolean()) {
        throw InvalidParam.TYPE.at(path, "'" + path + "' must be a boolean, not " + kind(value));
      }
    };
  }

  public static Constraint text() {
    return (path, value) -> {
      if (!value.isTextual()) {
        throw InvalidParam.TYPE.at(path, "'" + path + "' must be a string, not " + kind(value));
      }
    };
  }

  public static Constraint nonEmptyText() {
    return (path, value) -> {
      text().check(path, value);
      if (value.textValue().isBlank()) {
        throw InvalidParam.VALUE.at(path, "'" + path + "' must not be empty");
      }
    };
  }

  /** A string among these. */
  public static Constraint oneOf(String... allowed) {
    Set<String> values = new TreeSet<>(Arrays.asList(allowed));
    return (path, value) -> {
      text().check(path, value);
      if (!values.contains(value.textValue())) {
        throw InvalidParam.VALUE.at(path, "'" + path + "' is '" + value.textValue() + "'; expected one of " + values);
      }
    };
  }

  /** Any object (its members unchecked). */
  public static Constraint object() {
    return (path, value) -> {
      if (!value.isObject()) {
        throw InvalidParam.TYPE.at(path, "'" + path + "' must be an object, not " + kind(value));
      }
    };
  }

  /** An object whose named members meet their constraints; other members pass through. */
  public static Constraint object(Field... fields) {
    Members members = new Members(List.of(fields));
    return (path, value) -> {
      object().check(path, value);
      members.check(path, value);
    };
  }

  /** An array of [minSize, maxSize] elements, each meeting {@code element}. */
  public static Constraint array(Constraint element, int minSize, int maxSize) {
    return (path, value) -> {
      if (!value.isArray()) {
        throw InvalidParam.TYPE.at(path, "'" + path + "' must be an array, not " + kind(value));
      }
      if (value.size() < minSize) {
        throw (value.isEmpty() ? InvalidParam.EMPTY_ARRAY : InvalidParam.BELOW_MIN)
            .at(path, "'" + path + "' must have at least " + minSize + " element" + (minSize == 1 ? "" : "s"));
      }
      if (value.size() > maxSize) {
        throw InvalidParam.ARRAY_TOO_LONG.at(path, "'" + path + "' must have at most " + maxSize + " elements");
      }
      for (int i = 0; i < value.size(); i++) {
        element.check(path.element(i), value.get(i));
      }
    };
  }

  /**
   * The first constraint whose JSON type matches decides (e.g. {@code stop}: a string or an array
   * of strings); a value of none of the types is a type error naming them.
   */
  public static Constraint either(String what, Typed... choices) {
    return (path, value) -> {
      for (Typed choice : choices) {
        if (choice.type().matches(value)) {
          choice.constraint().check(path, value);
          return;
        }
      }
      throw InvalidParam.TYPE.at(path, "'" + path + "' must be " + what + ", not " + kind(value));
    };
  }

  /** A constraint that applies to values of one JSON type, for {@link #either}. */
  public record Typed(JsonType type, Constraint constraint) {}

  /** The JSON types {@link #either} tells apart. */
  public enum JsonType {
    STRING, ARRAY, OBJECT, NUMBER, BOOLEAN;

    boolean matches(JsonNode value) {
      return switch (this) {
        case STRING -> value.isTextual();
        case ARRAY -> value.isArray();
        case OBJECT -> value.isObject();
        case NUMBER -> value.isNumber();
        case BOOLEAN -> value.isBoolean();
      };
    }

    public Typed then(Constraint constraint) {
      return new Typed(this, constraint);
    }
  }

  static void checkField(ParamPath path, JsonNode value, Field field) {
    if (value == null || value.isMissingNode() || value.isNull() && field.nullable()) {
      if (field.required()) {
        throw InvalidParam.MISSING.at(path, "'" + path + "' is required");
      }
      return;
    }
    if (value.isNull()) {
      throw InvalidParam.TYPE.at(path, "'" + path + "' must not be null");
    }
    field.constraint().check(path, value);
  }

  private static void range(ParamPath path, double value, double min, double max) {
    if (value < min) {
      throw InvalidParam.BELOW_MIN.at(path, "'" + path + "' is " + format(value) + "; the minimum is " + format(min));
    }
    if (value > max) {
      throw InvalidParam.ABOVE_MAX.at(path, "'" + path + "' is " + format(value) + "; the maximum is " + format(max));
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
