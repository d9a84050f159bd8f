package dev.spillway.bench.systems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder Spillway serves in the benchmark: one openai-compatible account on the mock (model
 * {@code gpt-4o-mini}), and two models whose only target is a mock path that always answers 503,
 * each falling back to {@code gpt-4o-mini}:
 *
 * <ul>
 *   <li>{@code bench-failover}: its policy's breaker never opens, so every call tries the failing
 *       primary first and fails over (the "503 on every call" case);
 *   <li>{@code bench-open}: its policy's breaker opens on the first failure and stays open for an
 *       hour, so once tripped every call skips the primary without a call (the "circuit open" case)
 *       and no half-open probe lands in a measurement.
 * </ul>
 *
 * Each failing primary is its own account, so the two breakers (kept per target) never share state.
 * A fallback model, not a second target of the same model, serves them: targets of one model are
 * ranked by score, and a failing primary would soon be ranked behind the good one, whereas the
 * requested model's targets always come before its fallback's.
 */
public final class SpillwayConfig {
  /** The target whose breaker the circuit-open case trips: account/model, as the stats name it. */
  public static final String OPEN_PRIMARY = "mock-open/gpt-4o-mini";
  /** The target that serves {@code gpt-4o-mini}, the model every measurement but failover calls. */
  public static final String SERVING = "mock/gpt-4o-mini";
  /** The failing primary of the 503 case. */
  public static final String FAILING_PRIMARY = "mock-down/gpt-4o-mini";

  private SpillwayConfig() {}

  static void write(Path folder, int mockPort) throws IOException {
    String base = "http://127.0.0.1:" + mockPort;
    Files.writeString(folder.resolve("accounts.yaml"),
        account("mock", base + "/v1") + "---\n" + account("mock-down", base + "/fail503/v1") + "---\n"
            + account("mock-open", base + "/fail503/v1"));
    Files.writeString(folder.resolve("models.yaml"),
        model("gpt-4o-mini", "mock", null) + "---\n" + model("bench-failover", "mock-down", "gpt-4o-mini")
            + "---\n" + model("bench-open", "mock-open", "gpt-4o-mini"));
    Files.writeString(folder.resolve("policies.yaml"),
        // The limits are far beyond any run's call count: this breaker must never open.
        policy("bench-failover", 20, "consecutiveFailures: 1000000000, minimumCalls: 1000000000")
            + "---\n" + policy("bench-open", 10, "consecutiveFailures: 1, openFor: 1h"));
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

  private static String model(String name, String account, String fallback) {
    return """
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata:
          name: %s
        spec:
          capabilities:
            streaming: true
            contextWindow: 1048576
          targets:
            - account: %s
              model: gpt-4o-mini
        """.formatted(name, account) + (fallback == null ? "" : "  fallback: " + fallback + "\n");
  }

  private static String policy(String model, int priority, String breaker) {
    return """
        apiVersion: spillway.dev/v1alpha1
        kind: RoutingPolicy
        metadata:
          name: %1$s
        spec:
          priority: %2$d
          match:
            models: [%1$s]
          circuitBreaker: {%3$s}
        """.formatted(model, priority, breaker);
  }
}
