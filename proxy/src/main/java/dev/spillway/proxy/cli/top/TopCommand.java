package dev.spillway.proxy.cli.top;

import dev.spillway.proxy.cli.AdminCredentialOptions;
import dev.spillway.proxy.cli.DurationOption;
import java.io.IOException;
import java.io.PrintWriter;
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
 * {@code spillway-proxy top}: the live page in a terminal, for a server without a browser. Reads the
 * same panel snapshot as the page from the proxy's admin port and redraws it every interval.
 */
@Command(name = "top", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Show a running proxy's live panel (models, targets, circuits, the last decision, the event"
        + " log) in the terminal, refreshed every interval, like its page at /live/ on the admin port.",
    footer = {"", "Example:", "  java -jar spillway-proxy.jar top --url http://localhost:9090"})
public final class TopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "<admin url>",
      description = "The proxy's admin port, e.g. http://localhost:9090 (its page's address works too).")
  String url;

  @Option(names = "--interval", paramLabel = "<duration>", defaultValue = "1s",
      description = "Time between redraws, e.g. 1s or 500ms. Default: ${DEFAULT-VALUE}.")
  String interval;

  @Option(names = "--lines", paramLabel = "<n>", defaultValue = "15",
      description = "How many of the log's last lines to show. Default: ${DEFAULT-VALUE}.")
  int lines;

  @Option(names = "--once", description = "Print the panel once and exit (for scripts and pipes).")
  boolean once;

  @Option(names = "--color", paramLabel = "<auto|always|never>", defaultValue = "auto",
      description = "Colour the output: auto (when writing to a terminal), always or never. Default: ${DEFAULT-VALUE}.")
  String color;

  @Mixin AdminCredentialOptions adminCredentials;

  @Override
  public Integer call() throws InterruptedException {
    PanelClient client;
    try {
      client = new PanelClient(url, adminCredentials.credentials(spec, System.getenv()));
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), bad.getMessage());
    }
    if (lines < 0) {
      throw new ParameterException(spec.commandLine(), "--lines must be 0 or more, got " + lines);
    }
    Duration every = DurationOption.parse(spec, "--interval", interval);
    PanelRenderer renderer = new PanelRenderer(Ansi.parse(color, spec), ZoneId.systemDefault(), lines);
    PrintWriter out = spec.commandLine().getOut();
    if (once) {
      try {
        out.print(renderer.render(client.read()));
        out.flush();
        return 0;
      } catch (IOException unreadable) {
        spec.commandLine().getErr().println(unreadable.getMessage());
        return 1;
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "spillway-top-stop"));
    do {
      String screen;
      try {
        screen = renderer.render(client.read());
      } catch (IOException unreadable) {
        screen = unreadable.getMessage() + "\n(retrying every " + interval + "; Ctrl-C to stop)\n";
      }
      out.print(Ansi.CLEAR_SCREEN + screen);
      out.flush();
    } while (!stopped.await(every.toMillis(), TimeUnit.MILLISECONDS));
    return 0;
  }
}
