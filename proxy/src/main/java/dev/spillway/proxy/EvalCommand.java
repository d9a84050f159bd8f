package dev.spillway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spillway.proxy.eval.OfflineGate;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.eval.ReportTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code spillway-proxy eval}: a ModelRollout's eval gate, offline, with an exit code CI can block on. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Runs a ModelRollout's EvalSet against its incumbent and candidate and applies its gate.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the gate passed", "1:the gate failed", "2:the eval could not run (bad config, unknown"
        + " rollout, bad arguments)"},
    footer = {"", "Example: java -jar spillway-proxy.jar eval --config samples/rollout support-better"})
final class EvalCommand implements Callable<Integer> {
  static final int GATE_FAILED = 1;
  static final int CANNOT_RUN = 2;

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "<folder>", required = true,
      description = "Folder of resource YAML holding the ModelRollout, its EvalSet, the LogicalModel and accounts.")
  Path config;

  @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "600",
      description = "Give up on the run after this many seconds. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Option(names = "--json", description = "Print the whole report as JSON (what the admin endpoint answers) instead of the table.")
  boolean json;

  @Parameters(index = "0", paramLabel = "<rollout>", description = "Name of the ModelRollout.")
  String rollout;

  @Override
  public Integer call() throws InterruptedException, JsonProcessingException {
    if (!Files.isDirectory(config)) {
      throw new ParameterException(spec.commandLine(), "--config " + config + ": not a folder");
    }
    if (timeoutSeconds <= 0) {
      throw new ParameterException(spec.commandLine(), "--timeout " + timeoutSeconds + ": must be positive");
    }
    OfflineGate.Outcome outcome;
    try {
      outcome = OfflineGate.run(config, rollout, System.getenv(), Duration.ofSeconds(timeoutSeconds));
    } catch (IllegalStateException failed) {
      spec.commandLine().getErr().println("eval could not run: " + failed.getMessage());
      return CANNOT_RUN;
    }
    if (outcome.report() == null) {
      spec.commandLine().getErr().println("eval could not run: " + outcome.problems().size() + " problem(s) in " + config);
      outcome.problems().forEach(problem -> spec.commandLine().getErr().println("  " + problem));
      return CANNOT_RUN;
    }
    spec.commandLine().getOut().print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsString(outcome.report()) + "\n" : ReportTable.render(outcome.report()));
    spec.commandLine().getOut().flush();
    return outcome.report().verdict().passed() ? 0 : GATE_FAILED;
  }
}
