package dev.spillway.proxy.video;

import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.standalone.StandaloneProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A folder of CRs for video tests, compiled and served like a user's: a primary and a backup video
 * model on simulated accounts (the primary's faults chosen per test), and a policy with short job
 * deadlines.
 */
final class VideoConfig {
  static final String POLICY = """
      apiVersion: spillway.dev/v1alpha1
      kind: RoutingPolicy
      metadata:
        name: video
      spec:
        priority: 10
        match:
          models: [primary]
        route:
          model: primary
          fallbacks: [backup]
        jobs:
          firstProgress: %s
          total: 20s
          pollInterval: 50ms
      """;

  private VideoConfig() {}

  static StandaloneProxy start(Path dir, String primaryFaults, String firstProgress, String extra) throws Exception {
    return start(dir, primaryFaults, "", firstProgress, extra);
  }

  /**
   * @param primaryFaults YAML list items under the primary's {@code simulation.faults}, or ""
   * @param backupFaults the same for the backup
   * @param extra more policies (YAML documents, each starting with ---)
   */
  static StandaloneProxy start(Path dir, String primaryFaults, String backupFaults, String firstProgress, String extra)
      throws Exception {
    return start(dir, primaryFaults, backupFaults, firstProgress, extra, AuthMode.OPEN);
  }

  /** @param auth whether calls need a Consumer's key */
  static StandaloneProxy start(Path dir, String primaryFaults, String backupFaults, String firstProgress, String extra,
      AuthMode auth) throws Exception {
    Files.writeString(dir.resolve("accounts.yaml"),
        account("sim-a", primaryFaults) + "---\n" + account("sim-b", backupFaults) + "---\n" + account("sim-c", ""));
    Files.writeString(dir.resolve("models.yaml"),
        model("primary", "sim-a") + "---\n" + model("backup", "sim-b") + "---\n" + model("third", "sim-c"));
    Files.writeString(dir.resolve("policies.yaml"), POLICY.formatted(firstProgress) + extra);
    return StandaloneProxy.start(new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY).withAuth(auth), dir,
        Map.of());
  }

  private static String account(String name, String faults) {
    return """
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata:
          name: %s
        spec:
          provider: simulated
          simulation:
            latency: 40ms
        """.formatted(name) + (faults.isEmpty() ? "" : "    faults:\n" + faults.indent(6));
  }

  private static String model(String name, String account) {
    return """
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata:
          name: %s
        spec:
          capabilities:
            vision: true
            endpoints: [video]
          targets:
            - account: %s
              model: %s-video
              pricing: {videoPerSecond: 0.10}
        """.formatted(name, account, name);
  }
}
