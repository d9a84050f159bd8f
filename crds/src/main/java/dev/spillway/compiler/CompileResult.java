package dev.spillway.compiler;

import dev.spillway.config.RouterConfig;
import java.util.List;
import java.util.Optional;

/** Either a complete config or every problem found: never a partial config. */
public record CompileResult(RouterConfig config, List<Problem> problems) {
  public CompileResult {
    problems = List.copyOf(problems);
    if ((config == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("a result has a config exactly when it has no problems");
    }
  }

  public static CompileResult success(RouterConfig config) {
    return new CompileResult(config, List.of());
  }

  public static CompileResult failure(List<Problem> problems) {
    return new CompileResult(null, problems);
  }

  public boolean ok() {
    return config != null;
  }

  public Optional<RouterConfig> configIfOk() {
    return Optional.ofNullable(config);
  }
}
