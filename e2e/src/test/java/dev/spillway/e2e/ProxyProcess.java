package dev.spillway.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The proxy as a real separate JVM in in-cluster mode, watching its ConfigMap on the mock API server
 * (its URL passed the way Fabric8 reads it in a pod-less environment: KUBERNETES_MASTER). Output goes
 * to a log file under target/ for when a test fails.
 */
final class ProxyProcess implements AutoCloseable {
  /** How much of a stopped proxy's log an assertion's message shows. */
  private static final int LOG_LINES_SHOWN = 40;

  private final Process process;
  private final int port;
  private final int adminPort;
  /** The ports this process was given, held until it stops. */
  private final List<ReservedPort> reserved;
  private final Path log;

  private ProxyProcess(Process process, int port, int adminPort, List<ReservedPort> reserved, Path log) {
    this.process = process;
    this.reserved = reserved;
    this.port = port;
    this.adminPort = adminPort;
    this.log = log;
  }

  /** @param extraArgs more command-line options, e.g. {@code --auth open} */
  static ProxyProcess start(String apiServerUrl, String configMap, Path secretsDir, String... extraArgs) {
    ReservedPort port = ReservedPort.take();
    ReservedPort adminPort = ReservedPort.take();
    List<String> args = new ArrayList<>(List.of("--configmap", configMap,
        "--port", Integer.toString(port.port()), "--admin-port", Integer.toString(adminPort.port())));
    args.addAll(List.of(extraArgs));
    return launch(apiServerUrl, port, adminPort.port(), List.of(port, adminPort), secretsDir, args, Map.of());
  }

  /**
   * The proxy as the operator's Deployment runs it: the container's arguments and plain environment
   * variables, the test playing the kubelet for the pod's ports (the public one reserved here, the
   * admin one given and reserved by the test: the operator scrapes it) and its Secret volumes
   * ({@code mounts}: path in the pod → a folder here).
   */
  static ProxyProcess fromDeployment(String apiServerUrl, Container container, int adminPort, Path secretsDir,
      Map<String, Path> mounts) {
    ReservedPort port = ReservedPort.take();
    List<String> args = new ArrayList<>(container.getArgs());
    replaceValue(args, "--port", Integer.toString(port.port()));
    replaceValue(args, "--admin-port", Integer.toString(adminPort));
    args.replaceAll(arg -> mounts.containsKey(arg) ? mounts.get(arg).toString() : arg);
    Map<String, String> env = new HashMap<>();
    for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
      if (variable.getValue() != null) {
        env.put(variable.getName(), variable.getValue());
      }
    }
    return launch(apiServerUrl, port, adminPort, List.of(port), secretsDir, args, env);
  }

  private static void replaceValue(List<String> args, String option, String value) {
    int at = args.indexOf(option);
    if (at < 0 || at + 1 >= args.size()) {
      throw new IllegalArgumentException("the Deployment's args lack " + option + ": " + args);
    }
    args.set(at + 1, value);
  }

  private static ProxyProcess launch(String apiServerUrl, ReservedPort port, int adminPort,
      List<ReservedPort> reserved, Path secretsDir, List<String> proxyArgs, Map<String, String> env) {
    Path log = Path.of("target", "proxy-" + port.port() + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        "dev.spillway.proxy.Main",
        "--host", "127.0.0.1",
        "--secrets-dir", secretsDir.toString()));
    command.addAll(proxyArgs);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("KUBERNETES_MASTER", apiServerUrl);
    // Only the mock: never a developer's kubeconfig or a pod's service account.
    builder.environment().put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    builder.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    builder.environment().remove("SPILLWAY_CONFIG_DIR");
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      return new ProxyProcess(builder.start(), port.port(), adminPort, reserved, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  /** Where the operator scrapes its stats. */
  int adminPort() {
    return adminPort;
  }

  boolean alive() {
    return process.isAlive();
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * Whether it runs, for an assertion's message: a proxy that exited says its exit code and the end of
   * its log (what made it stop), so a failed start is readable from the test report alone.
   */
  String state() {
    if (process.isAlive()) {
      return this + " is running";
    }
    String tail;
    try {
      List<String> lines = Files.readAllLines(log);
      tail = String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
    } catch (IOException unreadable) {
      tail = "(its log is unreadable: " + unreadable.getMessage() + ")";
    }
    return this + " exited with code " + process.exitValue() + "; the end of its log:" + System.lineSeparator() + tail;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    reserved.forEach(ReservedPort::close);
  }

  @Override
  public String toString() {
    return "proxy JVM on port " + port + " (log " + log.toAbsolutePath() + File.separator + ")";
  }
}
