package dev.spillway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.server.ClientLimits;
import dev.spillway.proxy.telemetry.OtlpProtocol;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void helpListsTheOptionsAndExitsZero() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString())
        .contains("Usage: spillway-proxy")
        .contains("--config=<folder>", "--host=<address>", "--port=<port>", "--max-body-bytes=<bytes>")
        .contains("SPILLWAY_CONFIG_DIR", "SPILLWAY_PORT", "--admin-port=<port>", "SPILLWAY_ADMIN_PORT", "--auth=")
        .contains("SPILLWAY_AUTH");
  }

  @Test
  void versionNamesTheProgram() {
    assertThat(run("--version")).isZero();

    assertThat(out.toString()).startsWith("spillway-proxy ");
  }

  @Test
  void anUnknownOptionIsOneLinePlusUsageAndExitTwo() {
    assertThat(run("--config", ".", "--colour")).isEqualTo(2);

    assertThat(err.toString().lines().findFirst()).contains("Unknown option: '--colour'");
    assertThat(err.toString()).contains("Usage: spillway-proxy");
  }

  @Test
  void aBadPortIsRejectedReadably() {
    assertThat(run("--config", ".", "--port", "eighty")).isEqualTo(2);

    assertThat(err.toString().lines().findFirst().orElseThrow()).contains("--port").contains("eighty");
  }

  @Test
  void aBadAuthModeOrAnAdminPortSharedWithThePublicOneIsRejectedReadably() {
    assertThat(run("--config", ".", "--auth", "closed")).isEqualTo(2);
    assertThat(err.toString().lines().findFirst().orElseThrow())
        .contains("--auth: \"closed\" is not an auth mode: use required, open or auto");

    err.getBuffer().setLength(0);
    assertThat(run("--config", ".", "--port", "8080", "--admin-port", "8080")).isEqualTo(2);
    assertThat(err.toString().lines().findFirst().orElseThrow()).contains("--admin-port 8080: must differ from --port");
  }

  @Test
  void authIsRequiredInClusterAndAutoStandaloneUnlessSet() {
    Main cluster = new Main();
    cluster.configMap = "team/edge";
    Main standalone = new Main();
    standalone.config = Path.of(".");
    Main open = new Main();
    open.configMap = "team/edge";
    open.auth = "open";

    assertThat(cluster.authMode()).isEqualTo(AuthMode.REQUIRED);
    assertThat(standalone.authMode()).isEqualTo(AuthMode.AUTO);
    assertThat(open.authMode()).isEqualTo(AuthMode.OPEN);
  }

  @Test
  void aFolderAndAConfigMapAreExclusive() {
    assertThat(run("--config", ".", "--configmap", "team/edge-config")).isEqualTo(2);

    assertThat(err.toString().lines().findFirst().orElseThrow()).contains("--config and --configmap: choose one");
  }

  @Test
  void aConfigMapIsNamespaceSlashName() {
    assertThat(run("--configmap", "edge-config")).isEqualTo(2);

    assertThat(err.toString().lines().findFirst().orElseThrow())
        .contains("--configmap").contains("<namespace>/<name>");
  }

  @Test
  void withoutAFolderItSaysWhereToGiveOne() {
    assumeTrue(System.getenv("SPILLWAY_CONFIG_DIR") == null, "SPILLWAY_CONFIG_DIR is set");

    assertThat(run("--port", "0")).isEqualTo(2);

    assertThat(err.toString().lines().findFirst())
        .contains("Missing option '--config=<folder>' (or set SPILLWAY_CONFIG_DIR)");
  }

  @Test
  void aMissingFolderIsRejectedBeforeStarting(@TempDir Path dir) {
    Path missing = dir.resolve("nope");

    assertThat(run("--config", missing.toString(), "--port", "0")).isEqualTo(2);

    assertThat(err.toString().lines().findFirst()).contains("--config " + missing + ": not a folder");
  }

  @Test
  void anInvalidFolderExitsOneWithoutListening(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("models.yaml"), """
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata:
          name: chat
        spec:
          targets:
            - account: missing
              model: m
        """);

    assertThat(run("--config", dir.toString(), "--port", "0")).isEqualTo(1);
  }

  @Test
  void aBusyPortExitsOneWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("sim.yaml"), """
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata: {name: sim}
        spec: {provider: simulated}
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata: {name: chat}
        spec:
          targets: [{account: sim, model: sim-1}]
        """);
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(busy.getLocalPort());

      assertThat(run("--config", dir.toString(), "--host", "127.0.0.1", "--port", port)).isEqualTo(1);
    }
    assertThat(err.toString()).doesNotContain("BindException");
  }

  @Test
  void telemetryFlagsBecomeTelemetryOptions() {
    CommandLine command = Main.commandLine();
    command.parseArgs("--config", ".", "--otlp-endpoint", "http://collector:4317", "--otlp-protocol", "grpc",
        "--trace-sampling", "0.25", "--capture-content", "true", "--access-log", "false");

    assertThat(((Main) command.getCommand()).telemetry())
        .isEqualTo(new TelemetryOptions("http://collector:4317", OtlpProtocol.GRPC, 0.25, true, false));
  }

  @Test
  void telemetryDefaultsToNoExportFullSamplingNoContentAndAnAccessLog() {
    assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("SPILLWAY_")), "SPILLWAY_* env is set");
    CommandLine command = Main.commandLine();
    command.parseArgs("--config", ".");

    assertThat(((Main) command.getCommand()).telemetry()).isEqualTo(TelemetryOptions.DEFAULTS);
  }

  @Test
  void aBadOtlpProtocolIsRejectedReadably() {
    assertThat(run("--config", ".", "--otlp-protocol", "thrift")).isEqualTo(2);

    assertThat(err.toString().lines().findFirst().orElseThrow()).contains("thrift").contains("grpc");
  }

  @Test
  void limitFlagsBecomeClientAndUpstreamLimits() {
    CommandLine command = Main.commandLine();
    command.parseArgs("--config", ".", "--header-timeout-ms", "1500", "--body-idle-timeout-ms", "2500",
        "--keep-alive-timeout-ms", "30000", "--max-header-bytes", "16384", "--upstream-max-body-bytes", "1048576",
        "--upstream-max-event-bytes", "65536", "--upstream-body-idle-timeout-ms", "5000");
    Main main = (Main) command.getCommand();

    assertThat(main.clientLimits()).isEqualTo(new ClientLimits(1500, 2500, 30_000, 16_384));
    assertThat(main.upstreamLimits()).isEqualTo(new UpstreamLimits(1_048_576, 65_536, 5_000));
  }

  @Test
  void limitsDefaultToTheDocumentedValues() {
    assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("SPILLWAY_")), "SPILLWAY_* env is set");
    CommandLine command = Main.commandLine();
    command.parseArgs("--config", ".");
    Main main = (Main) command.getCommand();

    assertThat(main.clientLimits()).isEqualTo(ClientLimits.DEFAULTS);
    assertThat(main.upstreamLimits()).isEqualTo(UpstreamLimits.DEFAULTS);
  }

  @Test
  void aNonPositiveLimitIsRejectedReadably() {
    assertThat(run("--config", ".", "--upstream-max-body-bytes", "0")).isEqualTo(2);

    assertThat(err.toString().lines().findFirst().orElseThrow()).contains("upstream body limit");
  }

  @Test
  void sharedStateFlagsBecomeSharedStateOptionsAndABadAddressIsRejectedReadably() {
    CommandLine command = Main.commandLine();
    command.parseArgs("--config", ".", "--shared-state", "rediss://redis.internal:6380", "--shared-state-prefix", "eu");
    Main main = (Main) command.getCommand();
    assertThat(main.sharedState().address()).hasToString("rediss://redis.internal:6380");
    assertThat(main.sharedState().tls()).isTrue();
    assertThat(main.sharedState().port()).isEqualTo(6380);
    assertThat(main.sharedState().keyPrefix()).isEqualTo("eu");

    assertThat(run("--config", ".", "--shared-state", "http://redis:6379")).isEqualTo(2);
    assertThat(err.toString().lines().findFirst().orElseThrow())
        .contains("--shared-state: expected redis://host:port or rediss://host:port (TLS), got scheme http");
    err.getBuffer().setLength(0);
    assertThat(run("--config", ".", "--shared-state", "redis://:hunter2@redis:6379")).isEqualTo(2);
    assertThat(err.toString()).contains("SPILLWAY_SHARED_STATE_PASSWORD").doesNotContain("hunter2");
  }

  @Test
  void withoutSharedStateEachReplicaKeepsItsOwn() {
    assumeTrue(System.getenv("SPILLWAY_SHARED_STATE") == null, "SPILLWAY_SHARED_STATE is set");
    CommandLine command = Main.commandLine();
    command.parseArgs("--config", ".");

    assertThat(((Main) command.getCommand()).sharedState().enabled()).isFalse();
  }

  private int run(String... args) {
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }
}
