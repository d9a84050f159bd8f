package dev.spillway.proxy.cli;

import dev.spillway.compiler.Durations;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A duration given on the command line, in the resources' form ({@code 500ms}, {@code 10s}, {@code 2m}). */
public final class DurationOption {
  private DurationOption() {}

  /** @throws ParameterException naming the option when the text is not a positive duration */
  public static Duration parse(CommandSpec spec, String option, String text) {
    long millis = Durations.parseMillis(text).orElse(0);
    if (millis <= 0) {
      throw new ParameterException(spec.commandLine(),
          option + " '" + text + "': must be a positive duration; " + Durations.SYNTAX);
    }
    return Duration.ofMillis(millis);
  }
}
