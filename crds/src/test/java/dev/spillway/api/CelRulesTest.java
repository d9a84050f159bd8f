package dev.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CEL rules ({@code x-kubernetes-validations}) generated into the CRDs, evaluated with {@code
 * dev.cel} as an approximation of the API server (which these tests cannot run): each rule accepts
 * a good value and rejects a bad one, and every rule in the CRDs has such a case here, so a rule
 * added without a test fails the build.
 */
class CelRulesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CRDS = {"provideraccounts", "logicalmodels", "routingpolicies", "routers"};
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  /** A rule where it stands in a CRD: {@code Kind path}, e.g. {@code Router .spec.autoscaling}. */
  record Rule(String where, String rule, String message) {}

  /** A value the rule must accept and one it must reject, as JSON (YAML flow style works too). */
  record Case(String where, String rulePrefix, String good, String bad) {}

  static final List<Case> CASES = List.of(
      new Case("Router .spec.autoscaling", "(has(self.minReplicas)",
          "{minReplicas: 2, maxReplicas: 5}", "{minReplicas: 6, maxReplicas: 5}"),
      new Case("Router .spec.autoscaling", "(has(self.minReplicas)", "{maxReplicas: 3}", "{maxReplicas: 1}"),
      new Case("Router .spec.sharedState", "self.address.matches(",
          "{address: 'redis://redis.data:6379'}", "{address: 'http://redis.data:6379'}"),
      new Case("Router .spec.sharedState", "self.address.matches(",
          "{address: 'rediss://redis.data'}", "{address: 'redis://:hunter2@redis.data:6379'}"),
      new Case("RoutingPolicy .spec.regions", "!has(self.allow)",
          "{allow: [eu-west-1]}", "{allow: []}"),
      new Case("Router .spec.sharedState.passwordSecretRef", "has(self.name)",
          "{name: redis-auth, key: password}", "{key: password}"),
      new Case("ProviderAccount .spec", "!has(self.provider)",
          "{provider: openai-compatible, baseUrl: 'http://vllm:8000/v1'}", "{provider: openai-compatible}"),
      new Case("ProviderAccount .spec", "!has(self.provider)", "{provider: openai}", "{provider: openai-compatible}"),
      new Case("ProviderAccount .spec.credentialsSecretRef", "has(self.name)",
          "{name: keys, key: openai}", "{name: keys}"),
      new Case("ProviderAccount .spec.budget.alertAtPercent", "self.all(p, p >= 1",
          "[50, 80, 100]", "[50, 120]"),
      new Case("LogicalModel .spec.targets", "size(self) > 0", "[{account: a, model: m}]", "[]"),
      new Case("LogicalModel .spec.targets", "self.all(t,",
          "[{account: a, model: m}, {account: b, model: m}]", "[{account: a, model: m}, {account: a, model: m}]"),
      new Case("RoutingPolicy .spec.circuitBreaker.recoveryRamp", "size(self) > 0",
          "[1, 5, 25, 100]", "[1, 5, 25]"),
      new Case("RoutingPolicy .spec.circuitBreaker.recoveryRamp", "size(self) > 0", "[100]", "[0, 100]"),
      new Case("RoutingPolicy .spec.circuitBreaker.recoveryRamp", "self.all(p, self.exists_one",
          "[1, 50, 100]", "[1, 50, 50, 100]"));

  static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    for (String crd : CRDS) {
      JsonNode document = read("META-INF/fabric8/" + crd + ".spillway.dev-v1.yml");
      String kind = document.path("spec").path("names").path("kind").asText();
      collect(kind, "", document.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema"), rules);
    }
    return rules;
  }

  private static void collect(String kind, String path, JsonNode schema, List<Rule> into) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      into.add(new Rule(kind + " " + path, rule.path("rule").asText(), rule.path("message").asText()));
    }
    Iterator<Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Entry<String, JsonNode> property = properties.next();
      collect(kind, path + "." + property.getKey(), property.getValue(), into);
    }
    if (schema.has("items")) {
      collect(kind, path + "[]", schema.get("items"), into);
    }
  }

  static Stream<Case> cases() {
    return CASES.stream();
  }

  @Test
  void everyRuleInTheCrdsHasACaseAndCompiles() throws Exception {
    List<Rule> rules = rules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(7);
    for (Rule rule : rules) {
      assertThat(CASES).as("a good and a bad value for " + rule)
          .anyMatch(c -> c.where().equals(rule.where()) && rule.rule().startsWith(c.rulePrefix()));
      assertThat(rule.message()).as("a message for " + rule).isNotBlank();
      assertThat(COMPILER.compile(rule.rule()).getAst()).isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void eachRuleAcceptsTheGoodValueAndRejectsTheBadOne(Case c) throws Exception {
    Rule rule = rules().stream()
        .filter(r -> r.where().equals(c.where()) && r.rule().startsWith(c.rulePrefix()))
        .findFirst().orElseThrow(() -> new AssertionError("no rule at " + c.where() + " like " + c.rulePrefix()));

    assertThat(evaluate(rule.rule(), c.good())).as(rule + " on " + c.good()).isTrue();
    assertThat(evaluate(rule.rule(), c.bad())).as(rule + " on " + c.bad()).isFalse();
  }

  private static boolean evaluate(String rule, String value) throws Exception {
    CelRuntime.Program program = RUNTIME.createProgram(COMPILER.compile(rule).getAst());
    return (Boolean) program.eval(Map.of("self", cel(YAML.readTree(value))));
  }

  /** JSON as CEL sees it: maps, lists, int64 for integers, double, string, bool. */
  private static Object cel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), cel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(cel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  private static JsonNode read(String resource) {
    try (InputStream in = CelRulesTest.class.getClassLoader().getResourceAsStream(resource)) {
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
