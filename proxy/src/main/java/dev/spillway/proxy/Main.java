package dev.spillway.proxy;

import dev.spillway.config.ClusterLayout;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.cli.AdminCredentialOptions;
import dev.spillway.proxy.cli.ExplainRouteCommand;
import dev.spillway.proxy.cli.ValidateCommand;
import dev.spillway.proxy.cli.drill.DrillCommand;
import dev.spillway.proxy.cli.top.TopCommand;
import dev.spillway.proxy.cluster.ClusterProxy;
import dev.spillway.proxy.cluster.ConfigMapRef;
import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.server.ClientLimits;
import dev.spillway.proxy.server.PortUnavailableException;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.shared.SharedStateOptions;
import dev.spillway.proxy.standalone.ConfigRejectedException;
import dev.spillway.proxy.standalone.StandaloneProxy;
import dev.spillway.proxy.telemetry.OtlpProtocol;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line: serves a folder of Spillway resource YAML (standalone), or the ConfigMap the
 * operator publishes (in-cluster), until the process is stopped.
 */
@Command(
    name = "spillway-proxy",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    subcommands = {EvalCommand.class, ValidateCommand.class, ExplainRouteCommand.class, TopCommand.class,
        DrillCommand.class},
    description = "Routes OpenAI-style model calls across providers, failing over when one degrades.",
    footer = {"", "Example: java -jar spillway-proxy.jar --config samples/quickstart",
        "In a pod: java -jar spillway-proxy.jar --configmap <namespace>/<name>",
        "Offline eval gate: java -jar spillway-proxy.jar eval --config <folder> <ModelRollout name>",
        "Check resources offline: java -jar spillway-proxy.jar validate <folder|file|->",
        "Watch a proxy in the terminal: java -jar spillway-proxy.jar top --url http://localhost:9090",
        "Failover drill: java -jar spillway-proxy.jar drill --config samples/quickstart"})
public final class Main implements Callable<Integer> {
  static {
    // The JDK HttpClient completes every sendAsync on CompletableFuture's default async pool. With
    // fewer than 3 cores the common pool has parallelism 1, and CompletableFuture then starts a NEW
    // THREAD per task: one per upstream call (measured: ~1 ms per call and 4x less throughput on 2
    // cores, see docs/benchmarks.md). Parallelism 2 makes it the shared common pool. Must run before
    // anything touches CompletableFuture, hence first in Main; the flag still wins when set.
    if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null
        && Runtime.getRuntime().availableProcessors() < 3) {
      System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "<folder>",
      defaultValue = "${env:SPILLWAY_CONFIG_DIR}",
      description = "Folder of resource YAML (ProviderAccount, LogicalModel, RoutingPolicy, Secret);"
          + " reloaded on change. Default: $SPILLWAY_CONFIG_DIR.")
  Path config;

  @Option(
      names = "--configmap",
      paramLabel = "<namespace>/<name>",
      defaultValue = "${env:SPILLWAY_CONFIGMAP}",
      description = "In-cluster mode: watch this ConfigMap (published by the operator) through the"
          + " Kubernetes API instead of a folder. Default: $SPILLWAY_CONFIGMAP.")
  String configMap;

  @Option(names = "--secrets-dir", paramLabel = "<folder>",
      defaultValue = "${env:SPILLWAY_SECRETS_DIR:-" + ClusterLayout.SECRETS_ROOT + "}",
      description = "In-cluster mode: where Secrets are mounted, one folder per Secret, one file per"
          + " key; read at call time. Default: ${DEFAULT-VALUE}.")
  Path secretsDir;

  @Option(names = "--host", paramLabel = "<address>", defaultValue = "0.0.0.0",
      description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", paramLabel = "<port>", defaultValue = "${env:SPILLWAY_PORT:-8080}",
      description = "Port to listen on, 0 for any free one. Default: $SPILLWAY_PORT or 8080.")
  int port;

  @Option(names = "--admin-port", paramLabel = "<port>", defaultValue = "${env:SPILLWAY_ADMIN_PORT:-9090}",
      description = "Port of /metrics, /v1/spillway/stats, /v1/spillway/quality (never on --port), 0 for any"
          + " free one. Default: $SPILLWAY_ADMIN_PORT or 9090.")
  int adminPort;

  @Option(names = "--auth", paramLabel = "<required|open|auto>", defaultValue = "${env:SPILLWAY_AUTH}",
      description = "Whether model calls need a Consumer's key: required (401 without one), open (keys"
          + " optional, anonymous calls served) or auto (required once a Consumer exists). Default:"
          + " $SPILLWAY_AUTH, else required with --configmap and auto with --config.")
  String auth;

  @Option(names = "--max-body-bytes", paramLabel = "<bytes>", defaultValue = "10485760",
      description = "Larger request bodies get 413. Default: ${DEFAULT-VALUE}.")
  long maxBodyBytes;

  @Option(names = "--header-timeout-ms", paramLabel = "<ms>", defaultValue = "${env:SPILLWAY_HEADER_TIMEOUT_MS:-10000}",
      description = "A request's line and headers must arrive within this, or the connection is closed."
          + " Default: $SPILLWAY_HEADER_TIMEOUT_MS or 10000.")
  long headerTimeoutMs;

  @Option(names = "--body-idle-timeout-ms", paramLabel = "<ms>",
      defaultValue = "${env:SPILLWAY_BODY_IDLE_TIMEOUT_MS:-10000}",
      description = "A request body that sends nothing for this long gets 408. Default: $SPILLWAY_BODY_IDLE_TIMEOUT_MS or 10000.")
  long bodyIdleMs;

  @Option(names = "--keep-alive-timeout-ms", paramLabel = "<ms>",
      defaultValue = "${env:SPILLWAY_KEEP_ALIVE_TIMEOUT_MS:-75000}",
      description = "An idle kept-alive client connection is closed after this. Default: $SPILLWAY_KEEP_ALIVE_TIMEOUT_MS or 75000.")
  long keepAliveMs;

  @Option(names = "--max-header-bytes", paramLabel = "<bytes>", defaultValue = "${env:SPILLWAY_MAX_HEADER_BYTES:-65536}",
      description = "Larger request heads (line and headers) are refused. Default: $SPILLWAY_MAX_HEADER_BYTES or 65536.")
  int maxHeaderBytes;

  @Option(names = "--upstream-max-body-bytes", paramLabel = "<bytes>",
      defaultValue = "${env:SPILLWAY_UPSTREAM_MAX_BODY_BYTES:-33554432}",
      description = "A larger upstream answer fails that attempt (it fails over)."
          + " Default: $SPILLWAY_UPSTREAM_MAX_BODY_BYTES or 33554432.")
  long upstreamMaxBodyBytes;

  @Option(names = "--upstream-max-event-bytes", paramLabel = "<bytes>",
      defaultValue = "${env:SPILLWAY_UPSTREAM_MAX_EVENT_BYTES:-1048576}",
      description = "A longer upstream stream line or event fails that attempt."
          + " Default: $SPILLWAY_UPSTREAM_MAX_EVENT_BYTES or 1048576.")
  int upstreamMaxEventBytes;

  @Option(names = "--upstream-body-idle-timeout-ms", paramLabel = "<ms>",
      defaultValue = "${env:SPILLWAY_UPSTREAM_BODY_IDLE_TIMEOUT_MS:-30000}",
      description = "An upstream answer whose body sends nothing for this long fails that attempt."
          + " Default: $SPILLWAY_UPSTREAM_BODY_IDLE_TIMEOUT_MS or 30000.")
  long upstreamBodyIdleMs;

  @Option(names = "--otlp-endpoint", paramLabel = "<url>", defaultValue = "${env:SPILLWAY_OTLP_ENDPOINT}",
      description = "Export traces over OTLP to this base URL, e.g. http://otel-collector:4318 (gRPC: :4317)."
          + " Unset: no traces. Default: $SPILLWAY_OTLP_ENDPOINT.")
  String otlpEndpoint;

  @Option(names = "--otlp-protocol", paramLabel = "<protocol>",
      defaultValue = "${env:SPILLWAY_OTLP_PROTOCOL:-http/protobuf}",
      description = "http/protobuf or grpc. Default: $SPILLWAY_OTLP_PROTOCOL or http/protobuf.")
  String otlpProtocol;

  @Option(names = "--trace-sampling", paramLabel = "<ratio>",
      defaultValue = "${env:SPILLWAY_TRACE_SAMPLING:-1.0}",
      description = "Share of calls traced, 0 to 1; errors and failovers are always kept."
          + " Default: $SPILLWAY_TRACE_SAMPLING or 1.0.")
  double traceSampling;

  @Option(names = "--capture-content", paramLabel = "<true|false>", arity = "1",
      defaultValue = "${env:SPILLWAY_CAPTURE_CONTENT:-false}",
      description = "Record message content in spans and access-log lines."
          + " Default: $SPILLWAY_CAPTURE_CONTENT or false.")
  boolean captureContent;

  @Option(names = "--access-log", paramLabel = "<true|false>", arity = "1",
      defaultValue = "${env:SPILLWAY_ACCESS_LOG:-true}",
      description = "Write one JSON line per call (logger spillway.access). Default: $SPILLWAY_ACCESS_LOG or true.")
  boolean accessLog;

  @Option(names = "--trace-url-template", paramLabel = "<url>", defaultValue = "${env:SPILLWAY_TRACE_URL_TEMPLATE}",
      description = "Where a trace is viewed, {traceId} standing for the id, e.g."
          + " http://jaeger:16686/trace/{traceId}: the live page (/live/ on the admin port) links its log lines"
          + " there. Unset: the page shows the bare id. Default: $SPILLWAY_TRACE_URL_TEMPLATE.")
  String traceUrlTemplate;

  @Option(names = "--shared-state", paramLabel = "<redis://host:port>", defaultValue = "${env:SPILLWAY_SHARED_STATE}",
      description = "Share rate limits, budget spend, open circuits, health marks and drift alarms with the other"
          + " replicas through this Redis (or Valkey; rediss:// for TLS). The password comes from"
          + " $SPILLWAY_SHARED_STATE_PASSWORD. Default: $SPILLWAY_SHARED_STATE, or each replica keeps its own state.")
  String sharedState;

  @Option(names = "--shared-state-prefix", paramLabel = "<prefix>",
      defaultValue = "${env:SPILLWAY_SHARED_STATE_PREFIX:-spillway}",
      description = "What every shared key starts with, so routers can share one Redis."
          + " Default: $SPILLWAY_SHARED_STATE_PREFIX or spillway.")
  String sharedStatePrefix;

  @Option(names = "--region", paramLabel = "<region>", defaultValue = "${env:SPILLWAY_REGION}",
      description = "This router's region, e.g. eu-west-1: what a policy's regions.prefer: [local] means."
          + " Default: $SPILLWAY_REGION, or none (then only named regions are preferred).")
  String region;

  @Mixin AdminCredentialOptions adminCredentials;

  @Option(names = "--status-namespace", paramLabel = "<namespace>", defaultValue = "${env:SPILLWAY_STATUS_NAMESPACE}",
      description = "With --configmap: the namespace whose LogicalModels' and ProviderAccounts' status (the operator's"
          + " cluster-wide figures) the live page shows beside this replica's. Default: $SPILLWAY_STATUS_NAMESPACE.")
  String statusNamespace;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The parser, with bad input answered by one line and the usage (picocli's default may omit it). */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setParameterExceptionHandler((bad, args) -> {
          CommandLine command = bad.getCommandLine();
          command.getErr().println(command.getColorScheme().errorText(bad.getMessage()));
          command.usage(command.getErr(), command.getColorScheme());
          return command.getCommandSpec().exitCodeOnInvalidInput();
        });
  }

  @Override
  public Integer call() throws InterruptedException {
    validate();
    ProxyOptions options = new ProxyOptions(
        host, port, adminPort, maxBodyBytes, telemetry(), authMode(), clientLimits(), upstreamLimits(),
        sharedState(), region(), adminCredentials.credentials(spec, System.getenv()));
    AutoCloseable proxy;
    try {
      if (configMap != null) {
        ClusterProxy cluster = ClusterProxy.start(options, ConfigMapRef.parse(configMap), secretsDir,
            new KubernetesClientBuilder().build(), statusNamespace == null || statusNamespace.isBlank() ? null : statusNamespace);
        log.info("spillway-proxy listening on {}:{}, config from ConfigMap {}", host, cluster.port(), configMap);
        proxy = cluster;
      } else {
        StandaloneProxy standalone = StandaloneProxy.start(options, config, System.getenv());
        StartupBanner.log(host, standalone);
        proxy = standalone;
      }
    } catch (ConfigRejectedException rejected) {
      log.error("spillway-proxy not started: {}", rejected.getMessage());
      return 1;
    } catch (PortUnavailableException busy) {
      // A busy port is a user's everyday mistake: one line naming the port (public or admin), not a stack trace.
      log.error("spillway-proxy not started: {}", busy.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        proxy.close();
      } catch (Exception e) {
        log.warn("stopping: {}", e.toString());
      }
      log.info("spillway-proxy stopped");
      stopped.countDown();
    }, "spillway-shutdown"));
    stopped.await();
    return 0;
  }

  AuthMode authMode() {
    if (auth == null || auth.isBlank()) {
      return configMap != null ? AuthMode.REQUIRED : AuthMode.AUTO;
    }
    try {
      return AuthMode.parse(auth);
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), "--auth: " + bad.getMessage());
    }
  }

  TelemetryOptions telemetry() {
    try {
      return new TelemetryOptions(otlpEndpoint, OtlpProtocol.parse(otlpProtocol), traceSampling, captureContent, accessLog, traceUrlTemplate);
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), bad.getMessage());
    }
  }

  String region() {
    if (region == null || region.isBlank()) {
      return null;
    }
    if (!region.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new ParameterException(spec.commandLine(),
          "--region " + region + ": not a region name (lower-case letters, digits and dashes, e.g. eu-west-1)");
    }
    return region;
  }

  SharedStateOptions sharedState() {
    try {
      return SharedStateOptions.parse(sharedState, System.getenv("SPILLWAY_SHARED_STATE_PASSWORD"), sharedStatePrefix);
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), "--shared-state: " + bad.getMessage());
    }
  }

  ClientLimits clientLimits() {
    try {
      return new ClientLimits(headerTimeoutMs, bodyIdleMs, keepAliveMs, maxHeaderBytes);
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), bad.getMessage());
    }
  }

  UpstreamLimits upstreamLimits() {
    try {
      return new UpstreamLimits(upstreamMaxBodyBytes, upstreamMaxEventBytes, upstreamBodyIdleMs);
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), bad.getMessage());
    }
  }

  private void validate() {
    if (config == null && configMap == null) {
      throw new ParameterException(spec.commandLine(),
          "Missing option '--config=<folder>' (or set SPILLWAY_CONFIG_DIR)");
    }
    if (config != null && configMap != null) {
      throw new ParameterException(spec.commandLine(), "--config and --configmap: choose one");
    }
    if (configMap != null) {
      try {
        ConfigMapRef.parse(configMap);
      } catch (IllegalArgumentException bad) {
        throw new ParameterException(spec.commandLine(), "--configmap: " + bad.getMessage());
      }
    } else if (!Files.isDirectory(config)) {
      throw new ParameterException(spec.commandLine(), "--config " + config + ": not a folder");
    }
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port " + port + ": must be 0 to 65535");
    }
    if (adminPort < 0 || adminPort > 65_535) {
      throw new ParameterException(spec.commandLine(), "--admin-port " + adminPort + ": must be 0 to 65535");
    }
    if (adminPort == port && port != 0) {
      throw new ParameterException(spec.commandLine(),
          "--admin-port " + adminPort + ": must differ from --port, so admin endpoints stay off the public port");
    }
    authMode();
    telemetry();
    clientLimits();
    upstreamLimits();
    sharedState();
    region();
    if (maxBodyBytes <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-body-bytes " + maxBodyBytes + ": must be positive");
    }
  }

  /** The version Maven records in the jar; a build from classes has none. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties pom = new Properties();
      try (InputStream in =
          Main.class.getResourceAsStream("/META-INF/maven/dev.spillway/spillway-proxy/pom.properties")) {
        if (in != null) {
          pom.load(in);
        }
      }
      return new String[] {"spillway-proxy " + pom.getProperty("version", "(development build)")};
    }
  }
}
