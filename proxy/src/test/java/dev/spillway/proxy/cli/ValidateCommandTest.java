package dev.spillway.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.ConfigJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code validate} as CI runs it: every sample folder passes, every bad fixture fails with a line
 * that names file, line, resource and field; standard input and JSON output for pipelines.
 */
class ValidateCommandTest {
  record Run(int exit, String out, String err) {}

  static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(
        new ValidateCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static Path repo() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("samples")) ? here : here.getParent();
  }

  static List<Path> samples() throws IOException {
    try (Stream<Path> folders = Files.list(repo().resolve("samples"))) {
      return folders.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The fixtures the CRD schema tests reject: each must fail validate too. */
  static List<Path> badFixtures() throws IOException {
    try (Stream<Path> files = Files.list(repo().resolve("operator/src/test/resources/bad-samples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everySampleIsValid(Path sample) {
    Run run = run("", sample.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).startsWith("valid: ").contains("config {default=");
  }

  @ParameterizedTest
  @MethodSource("badFixtures")
  void everyBadFixtureFailsWithFileLineResourceAndField(Path fixture) {
    Run run = run("", fixture.toString());

    assertThat(run.exit()).as(run.out()).isEqualTo(1);
    assertThat(run.out().lines().findFirst().orElseThrow())
        .matches(java.util.regex.Pattern.quote(fixture.toString()) + ":\\d+: \\w+/[\\w-]+ (spec|metadata)\\S*: .+");
  }

  static final String BROKEN = """
      apiVersion: spillway.dev/v1alpha1
      kind: ProviderAccount
      metadata:
        name: sim
      spec:
        provider: simulated
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: LogicalModel
      metadata:
        name: chat
      spec:
        targets:
          - account: sim
            model: sim-1
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: RoutingPolicy
      metadata:
        name: chat-default
      spec:
        priority: 10
        route:
          model: chat
        circuitBreaker:
          failureRateThreshold: 5
      """;

  @Test
  void standardInputIsReadAndEachProblemIsOneLineWithItsLine() {
    Run run = run(BROKEN, "-");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out().lines().toList()).first().isEqualTo("<stdin>:17: RoutingPolicy/chat-default"
        + " spec.circuitBreaker.failureRateThreshold: must be greater than 0 and at most 1, got 5");
    assertThat(run.out()).contains("1 problem(s) in 1 ProviderAccount(s), 1 LogicalModel(s), 1 RoutingPolicy(ies)");
  }

  @Test
  void jsonOutputNamesEveryPartOfEachProblem() throws IOException {
    Run run = run(BROKEN, "--output", "json", "-");

    assertThat(run.exit()).isEqualTo(1);
    JsonNode json = ConfigJson.mapper().readTree(run.out());
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("namespaces").get("default").isNull()).isTrue();
    JsonNode problem = json.get("problems").get(0);
    assertThat(problem.get("file").asText()).isEqualTo("<stdin>");
    assertThat(problem.get("line").asInt()).isEqualTo(17);
    assertThat(problem.get("kind").asText()).isEqualTo("RoutingPolicy");
    assertThat(problem.get("name").asText()).isEqualTo("chat-default");
    assertThat(problem.get("field").asText()).isEqualTo("spec.circuitBreaker.failureRateThreshold");
  }

  @Test
  void eachNamespaceCompilesOnItsOwnAsTheOperatorWould() {
    String twoNamespaces = BROKEN.replace("failureRateThreshold: 5", "failureRateThreshold: 0.5")
        .replace("name: chat-default\n", "name: chat-default\n  namespace: team-a\n");

    Run run = run(twoNamespaces, "-");

    assertThat(run.exit()).as("team-a has a policy for model chat, which lives in default").isEqualTo(1);
    assertThat(run.out()).contains("RoutingPolicy/chat-default spec.route.model: unknown LogicalModel");
  }

  @Test
  void secretsOutsideTheInputAreAssumedUnlessRequired() {
    String withKey = BROKEN.replace("failureRateThreshold: 5", "failureRateThreshold: 0.5")
        .replace("provider: simulated\n", "provider: simulated\n  credentialsSecretRef: {name: sim-keys, key: api-key}\n");

    assertThat(run(withKey, "-").exit()).isZero();
    Run strict = run(withKey, "--require-secrets", "-");
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.out()).contains("ProviderAccount/sim spec.credentialsSecretRef.name");
  }

  @Test
  void aPathThatIsNotThereIsAUsageError() {
    Run run = run("", "no/such/folder");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no/such/folder: no such file or folder");
  }
}
