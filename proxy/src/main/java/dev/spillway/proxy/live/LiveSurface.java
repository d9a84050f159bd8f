package dev.spillway.proxy.live;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.events.TransitionLog;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.Responses;
import dev.spillway.proxy.quality.QualitySignal;
import dev.spillway.proxy.resilience.TargetStatsView;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The live page's part of the admin port: the feed, the panel snapshot ({@code GET
 * /v1/spillway/live}), the event stream ({@code GET /v1/spillway/live/events}) and the page itself
 * ({@code /live/}: HTML, CSS and JS from the jar, no build step, nothing fetched from elsewhere).
 * Everything is GET: the page reads, it never changes the router.
 */
public final class LiveSurface implements AutoCloseable {
  /** Where the page's files live in the jar. */
  static final String ASSETS = "dev/spillway/proxy/live/page/";
  /** Only the jar's own files and the admin port's own endpoints, so the page works offline. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final LiveFeed feed;
  private final PanelBuilder panel;
  /** Standalone until an in-cluster proxy hands over its watch of the operator's status. */
  private volatile Supplier<ClusterView> cluster = () -> ClusterView.none(ClusterView.STANDALONE);

  /**
   * @param traceUrlTemplate where trace ids link, or null to show the bare ids
   */
  public LiveSurface(TransitionLog transitions, ScheduledExecutorService timer, Clock clock,
      Supplier<Optional<RouterConfig>> config, Supplier<List<TargetStatsView>> stats, QualitySignal quality,
      String traceUrlTemplate) {
    this.feed = new LiveFeed(transitions, timer, clock);
    this.panel = new PanelBuilder(config, stats, quality, feed, clock, transitions.instance(), hostName(),
        traceUrlTemplate);
  }

  /** The feed, to hand finished calls and new configs to. */
  public LiveFeed feed() {
    return feed;
  }

  /** Where the cluster-wide figures come from (in a cluster: the operator's status, as watched). */
  public void showCluster(Supplier<ClusterView> source) {
    this.cluster = source;
  }

  /** Adds the page's routes to the admin port's. */
  public RoutingHandler routes(RoutingHandler admin) {
    ResourceHandler files = new ResourceHandler(new ClassPathResourceManager(LiveSurface.class.getClassLoader(), ASSETS))
        .setWelcomeFiles("index.html")
        .setDirectoryListingEnabled(false);
    HttpHandler page = Handlers.path().addPrefixPath("/live", files);
    return admin
        .get("/v1/spillway/live", exchange -> Responses.json(exchange, 200, Map.of("cache-control", "no-store"),
            Json.MAPPER.valueToTree(panel.build(cluster.get()))))
        .get("/v1/spillway/live/events", new LiveEventsHandler(feed))
        .get("/live", Handlers.redirect("/live/"))
        .get("/live/*", exchange -> {
          exchange.getResponseHeaders().put(HttpString.tryFromString("content-security-policy"), CONTENT_SECURITY_POLICY);
          exchange.getResponseHeaders().put(HttpString.tryFromString("x-content-type-options"), "nosniff");
          exchange.getResponseHeaders().put(HttpString.tryFromString("referrer-policy"), "no-referrer");
          page.handleRequest(exchange);
        });
  }

  /** The pod's name in a cluster, else the machine's: which replica a page is looking at. */
  private static String hostName() {
    String pod = System.getenv("HOSTNAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unknown) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    feed.close();
  }
}
