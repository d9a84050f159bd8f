package dev.spillway.proxy.cli;

import dev.spillway.compiler.LoadedResources;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.PolicyMatcher;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.Skip;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spillway-proxy explain-route}: for a request described on the command line, which policy
 * matches and which candidates it would try in which order, with why each other target is skipped.
 * The same matcher and planner the proxy runs; live scoring (health, latency, cost) reorders the
 * candidates at call time and is not known offline, so the order shown is the route's.
 */
@Command(name = "explain-route", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show which RoutingPolicy a request would match and its candidates in order, with the"
        + " reason each other target is skipped, without sending anything.",
    footer = {"", "Example:", "  java -jar spillway-proxy.jar explain-route --model chat --purpose summarise"
        + " samples/quickstart"})
public final class ExplainRouteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "<path|->", description = "Resource YAML: folders, files, or -.")
  List<String> inputs;

  @Option(names = "--namespace", paramLabel = "<namespace>", defaultValue = Validation.UNSET_NAMESPACE,
      description = "Which namespace's resources route the request. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--model", required = true, paramLabel = "<model>", description = "The request's model.")
  String model;

  @Option(names = "--step", paramLabel = "<type>", description = "Step type (x-spillway-step).")
  String step;

  @Option(names = "--purpose", paramLabel = "<purpose>", description = "Purpose (x-spillway-purpose).")
  String purpose;

  @Option(names = "--header", paramLabel = "<name=value>", description = "A request header; repeatable.")
  Map<String, String> headers = new HashMap<>();

  @Option(names = "--stream", description = "A streaming request.")
  boolean stream;

  @Option(names = "--tools", description = "The request offers tools.")
  boolean tools;

  @Option(names = "--vision", description = "The request holds images.")
  boolean vision;

  @Option(names = "--json-mode", description = "The request asks for JSON output.")
  boolean jsonMode;

  @Option(names = "--tokens", paramLabel = "<n>", defaultValue = "0",
      description = "Estimated prompt plus completion tokens, for context-window checks.")
  int tokens;

  private final InputStream stdin;

  public ExplainRouteCommand() {
    this(System.in);
  }

  ExplainRouteCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LoadedResources loaded;
    try {
      loaded = ResourceInput.read(inputs, stdin);
    } catch (IllegalArgumentException unreadable) {
      spec.commandLine().getErr().println("explain-route: " + unreadable.getMessage());
      return 2;
    }
    Validation.Compiled compiled = Validation.compile(loaded, namespace);
    if (compiled.config() == null) {
      compiled.findings().forEach(out::println);
      out.println("namespace " + namespace + " does not compile: nothing to route with");
      out.flush();
      return 1;
    }
    Map<String, String> lowerCase = new HashMap<>();
    headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
    RequestFacts facts = new RequestFacts(model, stream, step, purpose, null, tools, vision, jsonMode, false,
        tokens, lowerCase);
    explain(compiled.config(), facts, out);
    out.flush();
    return 0;
  }

  static void explain(RouterConfig config, RequestFacts facts, PrintWriter out) {
    PolicyConfig policy = PolicyMatcher.match(config, facts);
    boolean fallback = policy == config.defaultPolicy();
    out.println("policy: " + policy.name() + (fallback ? " (no RoutingPolicy matched: the default policy)"
        : " (priority " + policy.priority() + ")"));
    Plan plan;
    try {
      plan = CandidatePlanner.plan(config, policy, facts);
    } catch (ApiError refused) {
      out.println("refused with " + refused.status() + ": " + refused.error().path("message").asText());
      return;
    }
    out.println("candidates (route order; live scoring may reorder them at call time), "
        + (plan.maxAttempts() == Integer.MAX_VALUE ? "each may be tried" : "at most " + plan.maxAttempts()
            + " attempt(s)") + ":");
    int i = 1;
    for (Candidate candidate : plan.candidates()) {
      out.println("  " + i++ + ". " + candidate.id() + " (model " + candidate.model().name() + ")");
    }
    if (plan.candidates().isEmpty()) {
      out.println("  none: the request would get 503");
    }
    if (!plan.skipped().isEmpty()) {
      out.println("skipped:");
      for (Skip skip : plan.skipped()) {
        out.println("  - " + skip.target() + ": " + skip.reason());
      }
    }
  }
}
