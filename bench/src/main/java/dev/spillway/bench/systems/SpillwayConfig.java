package dev.spillway.bench.systems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder Spillway serves in the benchmark: one openai-compatible account on the mock, and two
 * failover chains whose primary is a mock path that always fails (503) or is rate limited for an
 * hour (429 + Retry-After: the "primary already known bad" path).
 */
final class SpillwayConfig {
  private SpillwayConfig() {}

  static void write(Path folder, int mockPort) throws IOException {
    String base = "http://127.0.0.1:" + mockPort;
    Files.writeString(folder.resolve("accounts.yaml"),
        account("mock", base + "/v1") + "---\n" + account("mock-down", base + "/fail503/v1") + "---\n"
            + account("mock-limited", base + "/limited/v1"));
    Files.writeString(folder.resolve("models.yaml"),
        model("gpt-4o-mini", "mock") + "---\n" + model("bench-failover", "mock-down", "mock") + "---\n"
            + model("bench-limited", "mock-limited", "mock"));
  }

  private static String account(String name, String baseUrl) {
    return """
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata:
          name: %s
        spec:
          provider: openai-compatible
          baseUrl: %s
          credentialsSecretRef:
            name: mock
            key: api-key
        """.formatted(name, baseUrl);
  }

  private static String model(String name, String... accounts) {
    StringBuilder targets = new StringBuilder();
    for (String account : accounts) {
      targets.append("    - account: ").append(account).append("\n      model: gpt-4o-mini\n");
    }
    return """
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata:
          name: %s
        spec:
          capabilities:
            streaming: true
          targets:
        %s""".formatted(name, targets);
  }
}
