package dev.spillway.proxy.cli.drill;

import dev.spillway.proxy.cli.AdminCredentialOptions;
import dev.spillway.proxy.cli.DurationOption;
import dev.spillway.proxy.cli.top.Ansi;
import dev.spillway.proxy.cli.top.PanelRenderer;
import dev.spillway.proxy.server.PortUnavailableException;
import dev.spillway.proxy.telemetry.OtlpProtocol;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spillway-proxy drill}: the failover story in one command. Starts a proxy on the folder with
 * an outage scheduled in the model's primary, sends steady traffic, and redraws the live panel in
 * the terminal (the same as its page, whose address it prints) until the primary has failed over
 * and recovered, or the bound is reached.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a failover drill: start a proxy on the folder, send steady traffic to a model, make its"
        + " primary (a simulated account) answer 503 for a while through its fault schedule, and show the failover"
        + " and the recovery live in the terminal and on the page. Exits 0 --linger after the primary is back with its"
        + " circuit closed, 1 if that did not happen by the bound (--fault-at + --fault-for + --recover-within).",
    footer = {"", "Example:", "  java -jar spillway-proxy.jar drill --config samples/quickstart",
        "  (then open the printed address, http://localhost:9090/live/, in a browser)"})
public final class DrillCommand implements Callable<Integer> {
  private static final long REDRAW_MS = 1000;
  /** No access log: a line per call would scroll the terminal view away. */
  private static final TelemetryOptions QUIET_TELEMETRY =
      new TelemetryOptions(null, OtlpProtocol.HTTP_PROTOBUF, 1.0, false, false);

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "<folder>",
      description = "Folder of resource YAML, e.g. samples/quickstart. Read, never changed.")
  Path config;

  @Option(names = "--model", paramLabel = "<model>", defaultValue = "chat",
      description = "The LogicalModel to call; its first target must be a simulated account. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--fault-at", paramLabel = "<duration>", defaultValue = "10s",
      description = "When the primary's outage starts. Default: ${DEFAULT-VALUE}.")
  String faultAt;

  @Option(names = "--fault-for", paramLabel = "<duration>",
      description = "How long the outage lasts. Default: three quarters of the cool-down (openFor) of the circuit"
          + " the calls go through (7.5s with the quickstart), so the first probe finds the primary back; a longer"
          + " outage shows a probe failing and the cool-down doubling.")
  String faultFor;

  @Option(names = "--recover-within", paramLabel = "<duration>", defaultValue = "90s",
      description = "How long after the outage the drill waits for the primary to be back. Default: ${DEFAULT-VALUE}.")
  String recoverWithin;

  @Option(names = "--linger", paramLabel = "<duration>", defaultValue = "10s",
      description = "How long the drill keeps running once the primary is back, so the page shows the end."
          + " Default: ${DEFAULT-VALUE}.")
  String linger;

  @Option(names = "--rate", paramLabel = "<calls/s>", defaultValue = "20",
      description = "Calls per second. Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(names = "--host", paramLabel = "<address>", defaultValue = "127.0.0.1",
      description = "Address the drill's proxy listens on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", paramLabel = "<port>", defaultValue = "8080",
      description = "The drill's proxy port, 0 for any free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--admin-port", paramLabel = "<port>", defaultValue = "9090",
      description = "Its admin port, where the page is, 0 for any free one. Default: ${DEFAULT-VALUE}.")
  int adminPort;

  @Option(names = "--color", paramLabel = "<auto|always|never>", defaultValue = "auto",
      description = "Colour the terminal view: auto, always or never. Default: ${DEFAULT-VALUE}.")
  String color;

  @Mixin AdminCredentialOptions adminCredentials;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(config)) {
      throw new ParameterException(spec.commandLine(), "--config " + config + ": not a folder");
    }
    Drill.Plan plan;
    try {
      plan = new Drill.Plan(config, model, DurationOption.parse(spec, "--fault-at", faultAt),
          faultFor == null ? null : DurationOption.parse(spec, "--fault-for", faultFor),
          DurationOption.parse(spec, "--recover-within", recoverWithin), rate, host, port, adminPort, QUIET_TELEMETRY,
          adminCredentials.credentials(spec, System.getenv()));
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), bad.getMessage());
    }
    Duration lingering = DurationOption.parse(spec, "--linger", linger);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Drill drill;
    try {
      drill = Drill.start(plan, System.getenv(), Clock.systemUTC());
    } catch (IllegalArgumentException cannot) {
      err.println("drill not started: " + cannot.getMessage());
      return 1;
    } catch (PortUnavailableException busy) {
      err.println("drill not started: " + busy.getMessage() + " (use --port and --admin-port, or 0 for free ones)");
      return 1;
    }
    CountDownLatch interrupted = new CountDownLatch(1);
    Thread hook = new Thread(interrupted::countDown, "spillway-drill-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (drill) {
      return watch(drill, lingering, out, err, interrupted);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the JVM is already stopping, the drill closed above.
      }
    }
  }

  private int watch(Drill drill, Duration linger, PrintWriter out, PrintWriter err, CountDownLatch interrupted)
      throws InterruptedException {
    Ansi ansi = Ansi.parse(color, spec);
    PanelRenderer renderer = new PanelRenderer(ansi, ZoneId.systemDefault(), 12);
    out.println("drill: watch it live at " + drill.pageUrl() + " (or: java -jar spillway-proxy.jar top --url "
        + drill.adminUrl() + ")");
    out.flush();
    Drill.Progress progress = null;
    do {
      String screen;
      try {
        var panel = drill.panel();
        progress = drill.observe(panel);
        screen = drill.status(progress) + "\n\n" + renderer.render(panel);
      } catch (IOException unreadable) {
        screen = "drill: " + unreadable.getMessage() + "\n";
      }
      out.print((ansi == Ansi.ON ? Ansi.CLEAR_SCREEN : "\n") + screen);
      out.flush();
      if (progress != null && progress.elapsedMs() >= endMs(progress, drill, linger)) {
        break;
      }
    } while (!interrupted.await(REDRAW_MS, TimeUnit.MILLISECONDS));
    return summary(drill, progress, out, err);
  }

  /** Once recovered, the end is a linger later (so the page shows it); until then, the bound. */
  private static long endMs(Drill.Progress progress, Drill drill, Duration linger) {
    return progress.recovered() ? progress.recoveredAtMs() + linger.toMillis() : drill.bound().toMillis();
  }

  private static int summary(Drill drill, Drill.Progress progress, PrintWriter out, PrintWriter err) {
    if (progress != null && progress.recovered()) {
      out.printf("drill passed: %s failed over at t+%.1fs and recovered at t+%.1fs (%d calls: %d by primary, %d by"
              + " fallback, %d failed)%n", drill.primary(), progress.failoverAtMs() / 1000.0,
          progress.recoveredAtMs() / 1000.0, progress.tally().sent(), progress.tally().byPrimary(),
          progress.tally().byFallback(), progress.tally().failed());
      out.flush();
      return 0;
    }
    String missing = progress == null ? "the panel could not be read"
        : progress.failoverAtMs() == null ? "no failover was seen"
        : progress.recoveredAtMs() == null ? "the primary did not serve again"
        : "the primary's circuit did not close";
    err.println("drill did not complete by t+" + drill.bound().toSeconds() + "s: " + missing
        + (progress == null ? "" : " (" + progress.tally() + ")"));
    err.flush();
    return 1;
  }
}
