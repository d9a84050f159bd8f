package dev.spillway.proxy.cli.drill;

import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.cli.drill.SteadyTraffic.Tally;
import dev.spillway.proxy.admin.AdminCredentials;
import dev.spillway.proxy.cli.top.PanelClient;
import dev.spillway.proxy.credentials.EnvCredentials;
import dev.spillway.proxy.credentials.FirstFoundCredentials;
import dev.spillway.proxy.credentials.FolderCredentials;
import dev.spillway.proxy.live.LiveEvent;
import dev.spillway.proxy.live.LiveEventKind;
import dev.spillway.proxy.live.Panel;
import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.server.ClientLimits;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The failover drill: a proxy serving a folder with an outage scheduled in one model's primary,
 * steady traffic to that model, and a watch that follows the failover and the recovery on the
 * proxy's own live panel. Ends once the primary serves again with its circuit closed, or at the
 * plan's bound.
 */
public final class Drill implements AutoCloseable {
  /**
   * @param faultAt when the primary's outage starts, after the proxy loaded the config
   * @param faultFor how long it lasts; null for most of the circuit's cool-down ({@link
   *     FaultedConfig#defaultOutage})
   * @param recoverWithin how long after the outage the primary has to serve again before the drill
   *     gives up: the run ends by {@code faultAt + faultFor + recoverWithin}
   * @param perSecond calls per second
   * @param admin the credentials the drill's admin port asks for (and its own reads present), or none
   */
  public record Plan(Path folder, String model, Duration faultAt, Duration faultFor, Duration recoverWithin,
      int perSecond, String host, int port, int adminPort, TelemetryOptions telemetry, AdminCredentials admin) {
    public Plan {
      if (perSecond < 1 || perSecond > 1000) {
        throw new IllegalArgumentException("--rate " + perSecond + ": must be 1 to 1000 calls per second");
      }
    }

    Duration bound() {
      return faultAt.plus(faultFor).plus(recoverWithin);
    }

    Plan withFaultFor(Duration outage) {
      return new Plan(folder, model, faultAt, outage, recoverWithin, perSecond, host, port, adminPort, telemetry, admin);
    }
  }

  /** Where the drill stands, as last seen on the panel (times from the config's load). */
  public record Progress(long elapsedMs, Long failoverAtMs, Long recoveredAtMs, boolean primaryClosed, Tally tally) {
    public boolean recovered() {
      return failoverAtMs != null && recoveredAtMs != null && primaryClosed;
    }
  }

  private final Plan plan;
  private final Clock clock;
  private final ProxyServer server;
  private final String primary;
  private final long loadedAtMs;
  private final ScheduledExecutorService timer;
  private final SteadyTraffic traffic;
  private final PanelClient panels;
  private Long failoverAtMs;
  private Long recoveredAtMs;

  private Drill(Plan plan, Clock clock, ProxyServer server, String primary, long loadedAtMs) {
    this.plan = plan;
    this.clock = clock;
    this.server = server;
    this.primary = primary;
    this.loadedAtMs = loadedAtMs;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "spillway-drill");
      thread.setDaemon(true);
      return thread;
    });
    this.traffic = new SteadyTraffic(timer, URI.create("http://" + hostForUrl(plan.host()) + ":" + server.port()),
        plan.model(), primary, plan.perSecond());
    this.panels = new PanelClient(adminUrl(), plan.admin());
  }

  /**
   * Loads the folder with the outage scheduled, starts the proxy and the traffic.
   *
   * @throws IllegalArgumentException with one readable line when the folder cannot be drilled
   */
  public static Drill start(Plan plan, Map<String, String> env, Clock clock) {
    EnvCredentials envCredentials = new EnvCredentials(env);
    FaultedConfig faulted =
        FaultedConfig.load(plan.folder(), envCredentials.catalog(), plan.model(), plan.faultAt(), plan.faultFor());
    FolderCredentials folderCredentials = new FolderCredentials();
    folderCredentials.replace(faulted.secrets());
    // Open: the drill's own calls are anonymous, whatever Consumers the folder defines.
    ProxyOptions options = new ProxyOptions(plan.host(), plan.port(), plan.adminPort(), ProxyOptions.DEFAULT_MAX_BODY,
        plan.telemetry(), AuthMode.OPEN, ClientLimits.DEFAULTS, UpstreamLimits.DEFAULTS).withAdmin(plan.admin());
    ProxyServer server = new ProxyServer(options, new FirstFoundCredentials(folderCredentials, envCredentials));
    try {
      // The simulated accounts are built here, and their fault schedule runs from now.
      long loadedAtMs = clock.millis();
      server.configSink().accept(faulted.config());
      server.start();
      return new Drill(plan.withFaultFor(faulted.faultFor()), clock, server, faulted.primary().id(), loadedAtMs);
    } catch (RuntimeException failed) {
      server.close();
      throw failed;
    }
  }

  /** The target the outage hits. */
  public String primary() {
    return primary;
  }

  public String adminUrl() {
    return "http://" + hostForUrl(plan.host()) + ":" + server.adminPort();
  }

  /** Where to watch it in a browser. */
  public String pageUrl() {
    return adminUrl() + "/live/";
  }

  /** When the run ends at the latest, from the config's load. */
  public Duration bound() {
    return plan.bound();
  }

  /** Reads the panel and notes the failover and the recovery when they show. */
  public Progress observe(Panel panel) {
    for (LiveEvent event : panel.events()) {
      if (!plan.model().equals(event.model())) {
        continue;
      }
      if (event.kind() == LiveEventKind.FAILOVER && failoverAtMs == null) {
        failoverAtMs = event.atMs() - loadedAtMs;
      } else if (event.kind() == LiveEventKind.RECOVERED && failoverAtMs != null
          && event.atMs() - loadedAtMs >= plan.faultAt().plus(plan.faultFor()).toMillis()) {
        recoveredAtMs = event.atMs() - loadedAtMs;
      }
    }
    boolean closed = panel.models().stream().flatMap(model -> model.targets().stream())
        .anyMatch(target -> target.id().equals(primary) && "CLOSED".equals(target.circuit()));
    return new Progress(clock.millis() - loadedAtMs, failoverAtMs, recoveredAtMs, closed, traffic.tally());
  }

  /** The panel now, as the page and {@code top} read it. */
  public Panel panel() throws IOException, InterruptedException {
    return panels.read();
  }

  /** One line on where the drill is: the fault's phase, the calls so far, where to watch. */
  public String status(Progress progress) {
    long faultStart = plan.faultAt().toMillis();
    long faultEnd = plan.faultAt().plus(plan.faultFor()).toMillis();
    String phase = progress.elapsedMs() < faultStart ? "outage of " + primary + " starts at t+" + seconds(faultStart)
        : progress.elapsedMs() < faultEnd ? "OUTAGE: " + primary + " answers " + FaultedConfig.FAULT_STATUS
            + " until t+" + seconds(faultEnd)
        : "outage lifted at t+" + seconds(faultEnd) + (progress.recovered() ? ", primary recovered" : ", waiting for recovery");
    Tally tally = progress.tally();
    return "drill t+" + seconds(progress.elapsedMs()) + " · " + phase + " · calls: " + tally.sent() + " sent, "
        + tally.byPrimary() + " by primary, " + tally.byFallback() + " by fallback, " + tally.failed() + " failed"
        + " · ends by t+" + seconds(plan.bound().toMillis()) + " · watch " + pageUrl();
  }

  private static String seconds(long ms) {
    return String.format(java.util.Locale.ROOT, "%.0fs", ms / 1000.0);
  }

  /** Loopback names for a wildcard address, so the printed URLs can be opened. */
  private static String hostForUrl(String host) {
    return "0.0.0.0".equals(host) || "::".equals(host) ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
  }

  @Override
  public void close() {
    traffic.close();
    timer.shutdownNow();
    server.close();
  }
}
