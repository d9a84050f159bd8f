package dev.spillway.proxy.cli.top;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Colours a terminal understands, or none (pipes, tests, {@code --color never}). */
public enum Ansi {
  ON,
  OFF;

  /** Moves the cursor home and clears the screen: each redraw replaces the last. */
  public static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
  private static final String RESET = "\u001b[0m";

  /**
   * From {@code --color}: {@code always}, {@code never}, or {@code auto} (on when writing to a
   * terminal).
   */
  public static Ansi parse(String color, CommandSpec spec) {
    return switch (color) {
      case "always" -> ON;
      case "never" -> OFF;
      case "auto" -> System.console() != null ? ON : OFF;
      default -> throw new ParameterException(spec.commandLine(), "--color '" + color + "': must be auto, always or never");
    };
  }

  String red(String text) {
    return wrap("\u001b[31;1m", text);
  }

  String green(String text) {
    return wrap("\u001b[32m", text);
  }

  String yellow(String text) {
    return wrap("\u001b[33;1m", text);
  }

  String dim(String text) {
    return wrap("\u001b[2m", text);
  }

  String bold(String text) {
    return wrap("\u001b[1m", text);
  }

  private String wrap(String code, String text) {
    return this == ON ? code + text + RESET : text;
  }
}
