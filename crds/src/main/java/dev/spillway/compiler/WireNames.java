package dev.spillway.compiler;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The names users write for enum constants: camel case (RATE_LIMIT is rateLimit). */
final class WireNames {
  private WireNames() {}

  static <E extends Enum<E>> List<String> of(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireNames::of).toList();
  }

  static String of(Enum<?> constant) {
    StringBuilder name = new StringBuilder();
    for (String word : constant.name().toLowerCase(Locale.ROOT).split("_")) {
      name.append(name.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return name.toString();
  }
}
