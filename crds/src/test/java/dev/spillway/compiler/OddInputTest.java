package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a user writes, reading and compiling it reports problems; it never throws. */
class OddInputTest {
  private static final String HEAD = "apiVersion: spillway.dev/v1alpha1\n";

  @ParameterizedTest
  @ValueSource(strings = {
      "[]", "42", "\"text\"", "kind: 5", "kind: ProviderAccount",
      HEAD + "kind: ProviderAccount\nmetadata: just-a-string",
      HEAD + "kind: ProviderAccount\nmetadata: {name: a}\nspec: [1, 2]",
      HEAD + "kind: ProviderAccount\nmetadata: {name: a}\nspec: null",
      HEAD + "kind: ProviderAccount\nmetadata: {name: a}\nspec: {provider: simulated, simulation: {faults: [null, {}]}}",
      HEAD + "kind: ProviderAccount\nmetadata: {name: a}\nspec: {provider: openai, credentialsSecretRef: {}}",
      HEAD + "kind: ProviderAccount\nmetadata: {name: a}\nspec: {provider: openai, budget: {alertAtPercent: [null]}}",
      HEAD + "kind: LogicalModel\nmetadata: {name: m}\nspec: {targets: [null, {}], defaults: {stop: [null]}}",
      HEAD + "kind: LogicalModel\nmetadata: {name: m}\nspec: {targets: [{account: a, model: x}], fallback: ''}",
      HEAD + "kind: RoutingPolicy\nmetadata: {name: p}\nspec: {priority: 1, route: {fallbacks: [null]},"
          + " match: {models: [null], stepTypes: [null], headers: {a: null}}}",
      HEAD + "kind: RoutingPolicy\nmetadata: {name: p}\nspec: {priority: 1, retry: {on: [null]},"
          + " circuitBreaker: {recoveryRamp: [null]}, experiment: {weights: {x: null}}, stickiness: {key: ':'}}",
      "\t- broken: [",
  })
  void oddDocumentsAreReportedNotThrown(String yaml) {
    LoadedResources loaded = ResourceYaml.readString("odd.yaml", yaml);
    CompileResult result = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty()));

    assertThat(loaded.problems().size() + result.problems().size()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "---", "null", "--- \n# comment\n---\n"})
  void emptyDocumentsAreSkipped(String yaml) {
    LoadedResources loaded = ResourceYaml.readString("empty.yaml", yaml);

    assertThat(loaded.problems()).isEmpty();
    assertThat(new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty())).ok()).isTrue();
  }

  @Test
  void concurrentCompilationsAgree() throws Exception {
    ResourceSet set = TestResources.valid().toSet();
    ConfigCompiler compiler = new ConfigCompiler();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<CompileResult>> results = IntStream.range(0, 32)
          .mapToObj(i -> pool.submit(() -> compiler.compile(set))).collect(Collectors.toList());
      CompileResult first = results.get(0).get();
      for (Future<CompileResult> result : results) {
        assertThat(result.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
