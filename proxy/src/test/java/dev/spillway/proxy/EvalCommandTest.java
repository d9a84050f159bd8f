package dev.spillway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The offline gate as CI runs it: samples/rollout, its three candidates, and the exit codes. */
class EvalCommandTest {
  private static final Path SAMPLE = samples().resolve("rollout");

  @Test
  void theBetterCandidatePassesWithExitZero() {
    Run run = eval("--config", SAMPLE.toString(), "support-better");

    assertThat(run.exit).isZero();
    assertThat(run.out).contains("GATE PASSED")
        .containsPattern("parcel-weight +facts,units +0\\.00 +1\\.00 +wrongAnswer \\(incumbent\\)")
        .containsPattern("units +1 +0\\.00 +1\\.00");
  }

  @Test
  void theWorseCandidateFailsWithEachDifferenceClassified() {
    Run run = eval("--config", SAMPLE.toString(), "support-worse");

    assertThat(run.exit).isEqualTo(1);
    assertThat(run.out)
        .containsPattern("capital +facts +1\\.00 +0\\.00 +wrongAnswer \\(candidate\\) +expected exactly \"Paris\", got \"Lyon\"")
        .containsPattern("order-json +json +1\\.00 +0\\.00 +codeFence \\(candidate, harness\\)")
        .containsPattern("refund-policy +policy +1\\.00 +0\\.05 +refusal \\(candidate, harness\\)")
        .containsPattern("motto +format +1\\.00 +0\\.50 +escaping \\(candidate, harness\\)")
        .contains("GATE FAILED", "candidate scores 0.371, below the incumbent's 0.857 minus tolerance 0.000");
  }

  @Test
  void jsonPrintsTheWholeReport() throws Exception {
    Run run = eval("--config", SAMPLE.toString(), "--json", "support-worse");

    assertThat(run.exit).isEqualTo(1);
    var report = dev.spillway.proxy.http.Json.MAPPER.readTree(run.out);
    assertThat(report.path("verdict").path("passed").asBoolean(true)).isFalse();
    assertThat(report.path("cases").get(1).path("candidate").path("reason").asText()).isEqualTo("codeFence");
  }

  @Test
  void theCandidateThatDegradesLaterPassesTheOfflineGate() {
    assertThat(eval("--config", SAMPLE.toString(), "support-degrading").exit).isZero();
  }

  @Test
  void anUnknownRolloutOrABrokenFolderCannotRun(@TempDir Path broken) throws Exception {
    Run unknown = eval("--config", SAMPLE.toString(), "support-nothing");
    assertThat(unknown.exit).isEqualTo(2);
    assertThat(unknown.err).contains("ModelRollout/support-nothing: not found in");

    for (String file : List.of("accounts.yaml", "models.yaml", "evals.yaml", "rollouts.yaml")) {
      Files.copy(SAMPLE.resolve(file), broken.resolve(file));
    }
    Files.writeString(broken.resolve("evals.yaml"),
        Files.readString(broken.resolve("evals.yaml")).replace("exact: Paris", "exact: Paris\n          regex: '('"));
    Run bad = eval("--config", broken.toString(), "support-better");
    assertThat(bad.exit).isEqualTo(2);
    assertThat(bad.err).contains("ModelRollout/support-better spec.evalSet: EvalSet \"support-evals\" has problems")
        .contains("EvalSet/support-evals spec.cases[0].graders[0]: sets 2 checks");
  }

  @Test
  void theRolloutNameIsRequired() {
    Run run = eval("--config", SAMPLE.toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("Missing required parameter: '<rollout>'");
  }

  private static Run eval(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "eval";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = command.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  private record Run(int exit, String out, String err) {}

  private static Path samples() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("samples")) ? here.resolve("samples") : here.resolveSibling("samples");
  }
}
