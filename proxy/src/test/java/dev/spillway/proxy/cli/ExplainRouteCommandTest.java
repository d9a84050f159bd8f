package dev.spillway.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code explain-route} on samples/quickstart: the policy that matches and the candidates, without traffic. */
class ExplainRouteCommandTest {
  static ValidateCommandTest.Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ExplainRouteCommand(new ByteArrayInputStream(new byte[0])));
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new ValidateCommandTest.Run(exit, out.toString(), err.toString());
  }

  static String quickstart() {
    return ValidateCommandTest.repo().resolve("samples/quickstart").toString();
  }

  @Test
  void aPurposeSelectsItsPolicyAndTheCandidatesComeInRouteOrder() {
    ValidateCommandTest.Run run = run("--model", "chat", "--purpose", "outage-drill", quickstart());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("policy: outage-drill (priority 100)\n")
        .contains("at most 3 attempt(s)")
        .contains("1. ").contains("(model chat-degraded)");
  }

  @Test
  void aStepTypeOutranksTheModelPolicyAndAnUnmatchedRequestGetsTheDefault() {
    assertThat(run("--model", "chat", "--step", "planning", quickstart()).out())
        .startsWith("policy: planning-to-smart (priority 200)").contains("(model chat-smart)");
    assertThat(run("--model", "chat", quickstart()).out()).startsWith("policy: chat-default (priority 10)");
    assertThat(run("--model", "chat-smart", quickstart()).out())
        .startsWith("policy: default (no RoutingPolicy matched: the default policy)");
  }

  @Test
  void aRequestNoTargetCanServeIsShownAsTheRefusalTheClientWouldGet() {
    ValidateCommandTest.Run run = run("--model", "chat", "--tokens", "100000000", quickstart());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("refused with 400: ");
  }
}
