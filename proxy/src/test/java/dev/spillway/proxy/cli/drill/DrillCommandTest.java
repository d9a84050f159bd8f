package dev.spillway.proxy.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.compiler.SecretCatalog;
import dev.spillway.proxy.credentials.EnvCredentials;
import dev.spillway.proxy.standalone.Samples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A drill that cannot run says why in one line, before it starts anything. (The whole drill, watched
 * in a browser, is {@code LivePageBrowserTest}.)
 */
class DrillCommandTest {

  @Test
  void anUnknownModelIsNamedWithTheFolderSModels() {
    Run run = drill("--config", quickstart(), "--model", "nope", "--port", "0", "--admin-port", "0");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("drill not started: no LogicalModel 'nope' in " + quickstart()
        + "; it has chat, chat-degraded, chat-smart");
  }

  @Test
  void aPrimaryThatIsNotSimulatedCannotBeFaulted(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("real.yaml"), """
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata:
          name: vllm
        spec:
          provider: openai-compatible
          baseUrl: http://127.0.0.1:1/v1
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata:
          name: sim-backup
        spec:
          provider: simulated
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata:
          name: served
        spec:
          targets:
            - account: vllm
              model: llama
            - account: sim-backup
              model: sim-1
        """);

    Run run = drill("--config", folder.toString(), "--model", "served", "--port", "0", "--admin-port", "0");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("drill not started: the primary of LogicalModel 'served' is account 'vllm'",
        "the drill injects its fault through a simulated account's fault schedule");
  }

  @Test
  void aModelWithNothingToFailOverToIsRefused(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("alone.yaml"), """
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata:
          name: sim-only
        spec:
          provider: simulated
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata:
          name: alone
        spec:
          targets:
            - account: sim-only
              model: sim-1
        """);

    Run run = drill("--config", folder.toString(), "--model", "alone", "--port", "0", "--admin-port", "0");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo(
        "drill not started: LogicalModel 'alone' has one target and no fallback model: there is nothing to fail over to");
  }

  @Test
  void theDefaultOutageEndsBeforeTheFirstProbeOfThePolicysCircuit(@TempDir Path folder) throws Exception {
    SecretCatalog noSecrets = new EnvCredentials(Map.of()).catalog();
    // The quickstart's chat-default policy cools down for 10s: the outage lasts 7.5s.
    assertThat(FaultedConfig.load(Path.of(quickstart()), noSecrets, "chat", Duration.ofSeconds(10), null).faultFor())
        .isEqualTo(Duration.ofMillis(7_500));
    assertThat(FaultedConfig.load(Path.of(quickstart()), noSecrets, "chat", Duration.ofSeconds(10), Duration.ofSeconds(20))
        .faultFor()).as("asked for").isEqualTo(Duration.ofSeconds(20));
    // A folder whose policy cools down for 40s gets a 30s outage.
    copyQuickstart(folder);
    Path policies = folder.resolve("policies.yaml");
    Files.writeString(policies, Files.readString(policies).replace("openFor: 10s", "openFor: 40s"));
    assertThat(FaultedConfig.load(folder, noSecrets, "chat", Duration.ofSeconds(10), null).faultFor())
        .isEqualTo(Duration.ofSeconds(30));
  }

  private static void copyQuickstart(Path folder) throws Exception {
    try (var files = Files.list(Path.of(quickstart()))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
  }

  @Test
  void aBusyAdminPortIsNamedInOneLine() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(busy.getLocalPort());

      Run run = drill("--config", quickstart(), "--host", "127.0.0.1", "--port", "0", "--admin-port", port);

      assertThat(run.exit()).isEqualTo(1);
      // The admin port, not the public one (0) nor both: the line says which to change.
      assertThat(run.err().strip()).startsWith("drill not started: cannot listen on 127.0.0.1:" + port + ": ")
          .endsWith("(use --port and --admin-port, or 0 for free ones)")
          .doesNotContain("\n", "Exception");
    }
  }

  @Test
  void badOptionsAreRefusedByName() {
    assertThat(drill("--config", quickstart(), "--rate", "0").err())
        .contains("--rate 0: must be 1 to 1000 calls per second");
    assertThat(drill("--config", quickstart(), "--fault-at", "soon").err())
        .contains("--fault-at 'soon': must be a positive duration; use a number with a unit ms, s, m or h");
    assertThat(drill("--config", "no/such/folder").err()).contains("--config no/such/folder: not a folder");
  }

  private static String quickstart() {
    return Samples.root().resolve("quickstart").toString();
  }

  private record Run(int exit, String out, String err) {}

  private static Run drill(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new DrillCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
