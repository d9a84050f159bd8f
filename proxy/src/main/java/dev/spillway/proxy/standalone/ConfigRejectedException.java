package dev.spillway.proxy.standalone;

import dev.spillway.compiler.Problem;
import java.nio.file.Path;
import java.util.List;

/** The folder holds no valid config at startup, so there is nothing to serve. */
public final class ConfigRejectedException extends Exception {
  private final List<Problem> problems;

  ConfigRejectedException(Path folder, List<Problem> problems) {
    super("no valid config in " + folder + ": " + problems.size()
        + (problems.size() == 1 ? " problem" : " problems") + " (each logged above)");
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
