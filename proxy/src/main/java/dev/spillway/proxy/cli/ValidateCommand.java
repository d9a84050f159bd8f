package dev.spillway.proxy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.compiler.LoadedResources;
import dev.spillway.config.ConfigJson;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spillway-proxy validate <path|->...}: compiles the resources offline exactly as the operator
 * would and prints one line per problem; exit 1 on any problem, 0 otherwise, 2 on unusable input.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compile Spillway resource YAML offline, exactly as the operator would, and report every"
        + " problem (file:line: Kind/name spec.field: message). Exit 1 on any problem, 0 otherwise.",
    footer = {"", "Examples:", "  java -jar spillway-proxy.jar validate samples/quickstart",
        "  kustomize build . | java -jar spillway-proxy.jar validate --output json -"})
public final class ValidateCommand implements Callable<Integer> {
  enum Output { text, json }

  @Spec CommandSpec spec;

  private final InputStream stdin;

  public ValidateCommand() {
    this(System.in);
  }

  /** @param stdin what {@code -} reads */
  ValidateCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Parameters(arity = "1..*", paramLabel = "<path|->",
      description = "Folders (their *.yaml/*.yml files), files, or - for standard input.")
  List<String> inputs;

  @Option(names = "--output", paramLabel = "<text|json>", defaultValue = "text",
      description = "text: one line per problem; json: one document for tools. Default: ${DEFAULT-VALUE}.")
  Output output;

  @Option(names = "--require-secrets",
      description = "Report references to Secrets that are not in the input (by default they are assumed to"
          + " exist in the cluster, as Secrets rarely live in the repository).")
  boolean requireSecrets;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LoadedResources loaded;
    try {
      loaded = ResourceInput.read(inputs, stdin);
    } catch (IllegalArgumentException unreadable) {
      spec.commandLine().getErr().println("validate: " + unreadable.getMessage());
      return 2;
    }
    Validation.Outcome outcome = Validation.run(loaded, requireSecrets);
    if (output == Output.json) {
      out.println(json(outcome));
    } else {
      outcome.findings().forEach(out::println);
      out.println(summary(loaded, outcome));
    }
    out.flush();
    return outcome.valid() ? 0 : 1;
  }

  private static String summary(LoadedResources loaded, Validation.Outcome outcome) {
    String counted = loaded.accounts().size() + " ProviderAccount(s), " + loaded.models().size()
        + " LogicalModel(s), " + loaded.policies().size() + " RoutingPolicy(ies)";
    if (outcome.valid()) {
      return "valid: " + counted + "; config " + outcome.versions();
    }
    return outcome.findings().size() + " problem(s) in " + counted;
  }

  private static String json(Validation.Outcome outcome) {
    ObjectNode root = ConfigJson.mapper().createObjectNode();
    root.put("valid", outcome.valid());
    ObjectNode namespaces = root.putObject("namespaces");
    outcome.versions().forEach(namespaces::put);
    ArrayNode problems = root.putArray("problems");
    for (Validation.Finding finding : outcome.findings()) {
      ObjectNode problem = problems.addObject();
      if (finding.location() != null) {
        int colon = finding.location().lastIndexOf(':');
        problem.put("file", finding.location().substring(0, colon));
        problem.put("line", Integer.parseInt(finding.location().substring(colon + 1)));
      }
      problem.put("namespace", finding.namespace());
      problem.put("kind", finding.problem().kind());
      problem.put("name", finding.problem().name());
      problem.put("field", finding.problem().field());
      problem.put("message", finding.problem().message());
    }
    return root.toPrettyString();
  }
}
