package dev.spillway.proxy.cli.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.standalone.Samples;
import dev.spillway.proxy.standalone.StandaloneProxy;
import dev.spillway.proxy.testing.ProxyClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/** {@code top} against a real proxy serving the quickstart: judged by the text it prints. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopCommandTest {
  private StandaloneProxy proxy;

  @BeforeAll
  void start() throws Exception {
    proxy = StandaloneProxy.start(new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY),
        Samples.root().resolve("quickstart"), Map.of());
    ProxyClient client = new ProxyClient(proxy.port());
    assertThat(client.chat(ProxyClient.chatBody("chat")).statusCode()).isEqualTo(200);
    // The outage-drill policy sends chat-degraded's calls to its always-down primary: a failover.
    assertThat(client.chat(ProxyClient.chatBody("chat"), Map.of("x-spillway-purpose", "outage-drill")).statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  void stop() {
    proxy.close();
  }

  @Test
  void rendersTheModelsTheLastDecisionAndTheLog() {
    String url = "http://127.0.0.1:" + proxy.adminPort();
    // The feed hands calls over asynchronously: wait until the failover line is in.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(
        () -> assertThat(top("--url", url, "--once", "--color", "never").out()).contains("failover"));

    Run run = top("--url", url, "--once", "--color", "never", "--lines", "5");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("Spillway live · replica ")
        .containsPattern("(?m)^chat  serving sim-primary/sim-fast-1 \\(primary\\)  policy chat-default: p95 ≤ 2000ms,"
            + " errors ≤ 20%$")
        .containsPattern("(?m)^chat-degraded  serving sim-backup/sim-fast-1 \\(fallback\\)  policy outage-drill: no demotion"
            + " thresholds$")
        .containsPattern("(?m)^  TARGET +SHARE +P95 +ERRORS +DRIFT +CIRCUIT +ADMIT +BUDGET LEFT +HEADROOM$")
        .containsPattern("(?m)^  sim-primary/sim-fast-1 \\* +\\d+% +\\d+ms +0% +0\\.0σ +closed +100% +- +100%$")
        .containsPattern("(?m)^  sim-flaky/sim-fast-1 \\* +50% +\\d+ms +100% +0\\.0σ +closed")
        .containsPattern("(?m)^last decision \\d\\d:\\d\\d:\\d\\d chat-degraded \\(asked for chat\\) → sim-backup/sim-fast-1"
            + " \\(2 attempt\\(s\\), \\d+ ms\\) +request req_\\w+$")
        .containsPattern("(?m)^  chose sim-flaky/sim-fast-1: .*; fell back: sim-flaky/sim-fast-1: http 503$")
        .containsPattern("(?m)^  sim-flaky/sim-fast-1 +\\d\\.\\d\\d +\\d\\.\\d\\d +\\d\\.\\d\\d +\\d\\.\\d\\d +\\d\\.\\d\\d"
            + " +\\d\\.\\d\\d +eligible$")
        .containsPattern("(?m)^  CANDIDATE +SCORE +HEALTH +LATENCY +QUALITY +COST +HEADROOM +STANDING$")
        .containsPattern("(?m)^cluster \\(standalone: no operator, so no cluster-wide figures; the panel above is this"
            + " process's own\\)$")
        .containsPattern("(?m)^  \\[\\d\\d:\\d\\d:\\d\\d\\] config-reloaded +config \\w+ loaded from ")
        .containsPattern("(?m)^  \\[\\d\\d:\\d\\d:\\d\\d\\] failover +failover → sim-backup/sim-fast-1 \\(sim-flaky/sim-fast-1:"
            + " http 503\\) +request req_\\w+$")
        .doesNotContain("\u001b[");
  }

  @Test
  void colorsOpenCircuitsAndFailoversWhenAsked() {
    Run run = top("--url", "http://127.0.0.1:" + proxy.adminPort() + "/live/", "--once", "--color", "always");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("\u001b[1mSpillway live\u001b[0m", "\u001b[32mserving sim-primary/sim-fast-1 (primary)",
        "\u001b[33;1mserving sim-backup/sim-fast-1 (fallback)", "\u001b[31;1mfailover           \u001b[0m");
  }

  @Test
  void anUnreachableProxyIsOneReadableLine() {
    Run run = top("--url", "http://127.0.0.1:1", "--once");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo(
        "cannot reach http://127.0.0.1:1/v1/spillway/live: connection refused (is the proxy running, and is this its admin port?)");
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedByName() {
    Run run = top("--url", "localhost:9090", "--once");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--url 'localhost:9090' must be the admin port's http(s) URL");
  }

  private record Run(int exit, String out, String err) {}

  private static Run top(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new TopCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
