package dev.spillway.proxy.cli;

import dev.spillway.proxy.admin.AdminCredentials;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The admin port's credentials on a command line: the proxy requires them, {@code top} and the drill
 * present them. A folder (a mounted {@code kubernetes.io/basic-auth} Secret) or two environment
 * variables; never a flag holding the password, which every user of the machine could read in the
 * process list.
 */
public final class AdminCredentialOptions {
  static final String USERNAME_VARIABLE = "SPILLWAY_ADMIN_USERNAME";
  static final String PASSWORD_VARIABLE = "SPILLWAY_ADMIN_PASSWORD";

  @Option(names = "--admin-credentials", paramLabel = "<folder>", defaultValue = "${env:SPILLWAY_ADMIN_CREDENTIALS}",
      description = "Folder holding the admin port's HTTP Basic credentials as the files username and password"
          + " (a mounted kubernetes.io/basic-auth Secret), re-read on every check. Unset: $"
          + USERNAME_VARIABLE + " and $" + PASSWORD_VARIABLE + " if both are set, else none (the admin port is open)."
          + " Default: $SPILLWAY_ADMIN_CREDENTIALS.")
  Path folder;

  /** @throws ParameterException with one readable line when they are set but unusable */
  public AdminCredentials credentials(CommandSpec spec, Map<String, String> env) {
    try {
      if (folder != null && !folder.toString().isBlank()) {
        return AdminCredentials.fromFolder(folder);
      }
      return AdminCredentials.of(blankToNull(env.get(USERNAME_VARIABLE)), blankToNull(env.get(PASSWORD_VARIABLE)));
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), "--admin-credentials: " + bad.getMessage()
          + (folder == null ? " (from $" + USERNAME_VARIABLE + " and $" + PASSWORD_VARIABLE + ")" : ""));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
