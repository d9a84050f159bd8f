package dev.spillway.proxy.standalone;

import dev.spillway.compiler.Problem;
import dev.spillway.config.RouterConfig;
import java.util.List;
import java.util.Map;

/**
 * One read of the config folder: the compiled config and the folder's Secrets, or every problem.
 *
 * @param secrets secret name → key → value; credentials, never log them
 */
record FolderLoad(RouterConfig config, Map<String, Map<String, String>> secrets, List<Problem> problems) {

  FolderLoad {
    secrets = Map.copyOf(secrets);
    problems = List.copyOf(problems);
  }

  boolean ok() {
    return config != null;
  }

  @Override
  public String toString() {
    return "FolderLoad[config=" + (config == null ? null : config.version()) + ", secrets="
        + secrets.keySet() + ", problems=" + problems + "]";
  }
}
