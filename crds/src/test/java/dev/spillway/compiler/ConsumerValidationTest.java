package dev.spillway.compiler;

import static dev.spillway.compiler.ValidationCase.invalid;

import dev.spillway.api.v1alpha1.ConsumerBudget;
import dev.spillway.api.v1alpha1.ConsumerKey;
import dev.spillway.api.v1alpha1.Limits;
import dev.spillway.api.v1alpha1.PolicyMatch;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per Consumer rule: the valid set plus consumer team-a, with one field broken. */
class ConsumerValidationTest {
  private static final String KIND = "Consumer";
  private static final String TEAM = "team-a";

  static Stream<ValidationCase> cases() {
    return Stream.of(
        invalid("no keys", r -> r.withTeamA().consumerSpec(TEAM).keys = List.of())
            .expect(KIND, TEAM, "spec.keys", "is required", "at least one key"),
        invalid("missing key Secret", r -> key(r, 0).secretRef = new SecretKeyRef("nope", "current"))
            .expect(KIND, TEAM, "spec.keys[0].secretRef.name", "Secret \"nope\" does not exist"),
        invalid("missing key in Secret", r -> key(r, 0).secretRef = new SecretKeyRef("team-a-keys", "next"))
            .expect(KIND, TEAM, "spec.keys[0].secretRef.key", "Secret \"team-a-keys\" has no key \"next\""),
        invalid("short key", r -> r.withTeamA().clientKey("team-a-keys", "current", "hunter2"))
            .expect(KIND, TEAM, "spec.keys[0].secretRef", "7 characters long", "at least 24"),
        invalid("key with a trailing newline",
                r -> r.withTeamA().clientKey("team-a-keys", "current", TestResources.TEAM_A_KEY + "\n"))
            .expect(KIND, TEAM, "spec.keys[0].secretRef", "printable ASCII", "echo -n"),
        invalid("bad expiry", r -> key(r, 0).expiresAt = "next tuesday")
            .expect(KIND, TEAM, "spec.keys[0].expiresAt", "\"next tuesday\" is not an RFC 3339 time"),
        invalid("key listed twice", r -> r.withTeamA().consumerSpec(TEAM).keys.add(
                new ConsumerKey(new SecretKeyRef("team-a-keys", "current"), null)))
            .expect(KIND, TEAM, "spec.keys[1].secretRef", "same key as Consumer/team-a spec.keys[0]"),
        invalid("key shared by two consumers", r -> r.withTeamA()
                .consumer("team-b", new ConsumerKey(new SecretKeyRef("team-a-keys", "current"), null)))
            .expect(KIND, "team-b", "spec.keys[0].secretRef", "same key as Consumer/team-a", "one consumer"),
        invalid("unknown allowed model", r -> r.withTeamA().consumerSpec(TEAM).allowedModels = List.of("chat", "gpt-9"))
            .expect(KIND, TEAM, "spec.allowedModels[1]", "no LogicalModel named \"gpt-9\""),
        invalid("unknown allowed policy", r -> r.withTeamA().consumerSpec(TEAM).allowedPolicies = List.of("batch"))
            .expect(KIND, TEAM, "spec.allowedPolicies[0]", "no RoutingPolicy named \"batch\""),
        invalid("zero rate limit", r -> limits(r).requestsPerMinute = 0)
            .expect(KIND, TEAM, "spec.limits.requestsPerMinute", "greater than 0, got 0"),
        invalid("budget without amount", r -> budget(r, "daily").amountUsd = null)
            .expect(KIND, TEAM, "spec.budgets[0].amountUsd", "is required"),
        invalid("deprioritize is for accounts", r -> budget(r, "daily").onExhausted = "deprioritize")
            .expect(KIND, TEAM, "spec.budgets[0].onExhausted", "\"deprioritize\" is not allowed", "alert, block"),
        invalid("two monthly budgets", r -> {
              budget(r, "monthly");
              budget(r, null);
            })
            .expect(KIND, TEAM, "spec.budgets[1].period", "a monthly budget is already given"),
        invalid("bad attribute name", r -> r.withTeamA().consumerSpec(TEAM).attributes = Map.of("Cost Center", "42"))
            .expect(KIND, TEAM, "spec.attributes.Cost Center", "lower case letters"),
        invalid("policy matching an unknown consumer", r -> {
              r.withTeamA().policySpec("interactive").match = new PolicyMatch();
              r.policySpec("interactive").match.consumers = List.of("team-a", "team-z");
            })
            .expect("RoutingPolicy", "interactive", "spec.match.consumers[1]", "no Consumer named \"team-z\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheBrokenField(ValidationCase validationCase) {
    validationCase.assertReported();
  }

  private static ConsumerKey key(TestResources r, int index) {
    return r.withTeamA().consumerSpec(TEAM).keys.get(index);
  }

  private static Limits limits(TestResources r) {
    r.withTeamA().consumerSpec(TEAM).limits = new Limits();
    return r.consumerSpec(TEAM).limits;
  }

  private static ConsumerBudget budget(TestResources r, String period) {
    r.withTeamA();
    if (r.consumerSpec(TEAM).budgets == null) {
      r.consumerSpec(TEAM).budgets = new ArrayList<>();
    }
    ConsumerBudget budget = new ConsumerBudget();
    budget.amountUsd = 10.0;
    budget.period = period;
    r.consumerSpec(TEAM).budgets.add(budget);
    return budget;
  }
}
