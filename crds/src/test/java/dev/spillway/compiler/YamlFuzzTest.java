package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The YAML loader fuzzed: valid resource YAML cut, spliced, re-indented and sprinkled with odd
 * characters is reported as problems or compiled, never thrown. Tries and seed as the proxy's fuzz
 * tests ({@code -Dspillway.fuzz.tries}, {@code -Dspillway.fuzz.seed}; docs/hardening.md).
 */
class YamlFuzzTest {
  private static final String VALID = """
      apiVersion: spillway.dev/v1alpha1
      kind: ProviderAccount
      metadata: {name: sim}
      spec:
        provider: simulated
        simulation: {latency: 10ms, faults: [{kind: error, status: 503}]}
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: LogicalModel
      metadata: {name: chat}
      spec:
        targets:
          - {account: sim, model: sim-1}
        defaults: {temperature: 0.2, stop: [END]}
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: RoutingPolicy
      metadata: {name: p}
      spec: {priority: 1, match: {models: [chat]}, route: {fallbacks: [chat]}}
      """;
  private static final String ODD = ":-[]{}#&*!|>'\"%@`\t\n ,?0é\u0000\uffff";

  @Test
  void anyMangledYamlIsReportedOrCompiledNeverThrown() {
    int tries = Integer.getInteger("spillway.fuzz.tries", 300);
    long base = Long.getLong("spillway.fuzz.seed", System.nanoTime());
    for (int i = 0; i < tries; i++) {
      long seed = base + i;
      String yaml = mangle(new Random(seed));
      try {
        LoadedResources loaded = ResourceYaml.readString("fuzz.yaml", yaml);
        CompileResult compiled = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty()));
        assertThat(compiled.ok() || !compiled.problems().isEmpty() || !loaded.problems().isEmpty()).isTrue();
      } catch (RuntimeException | AssertionError | StackOverflowError crash) {
        throw new AssertionError("replay with -Dspillway.fuzz.seed=" + seed + " -Dspillway.fuzz.tries=1", crash);
      }
    }
  }

  private static String mangle(Random random) {
    StringBuilder text = new StringBuilder(VALID);
    for (int edits = 1 + random.nextInt(6); edits > 0 && text.length() > 0; edits--) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(5)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, ODD.charAt(random.nextInt(ODD.length())));
        case 2 -> text.setCharAt(at, ODD.charAt(random.nextInt(ODD.length())));
        case 3 -> text.insert(at, text.substring(random.nextInt(text.length())));
        default -> text.insert(at, "[".repeat(random.nextInt(2_000)));
      }
    }
    return text.toString();
  }
}
