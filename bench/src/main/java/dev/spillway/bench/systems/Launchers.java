package dev.spillway.bench.systems;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the mock upstream and the three proxies, each on a free loopback port. */
public final class Launchers {
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private final Path work;
  private final Path logs;
  private final SpillwayRuntime runtime;

  /** {@code runtime}: the Java and memory flags Spillway runs with (the others run on the harness's Java). */
  public Launchers(Path work, SpillwayRuntime runtime) {
    this.work = work;
    this.logs = work.resolve("logs");
    this.runtime = runtime;
  }

  public Service mock(long chunkIntervalMs) throws IOException, InterruptedException {
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(java(), "-Xms256m", "-Xmx1g", "-cp", ownJar(),
        "dev.spillway.bench.mock.MockUpstream", Integer.toString(port), Long.toString(chunkIntervalMs));
    return Service.start("mock", port, builder, logs, Map.of(), true).awaitReady(null, STARTUP);
  }

  /** nginx as a plain reverse proxy with a keep-alive pool to the mock: the reference C proxy. */
  public Service nginx(int mockPort) throws IOException, InterruptedException {
    int port = freePort();
    Path dir = Files.createDirectories(work.resolve("nginx"));
    Files.writeString(dir.resolve("nginx.conf"), NginxConfig.render(port, mockPort, dir));
    ProcessBuilder builder = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString());
    return Service.start("nginx", port, builder, logs, Map.of(), false).awaitReady(null, STARTUP);
  }

  /** The Portkey gateway (Node), installed by npm into {@code portkeyDir}. */
  public Service portkey(Path portkeyDir) throws IOException, InterruptedException {
    int port = freePort();
    Path script = portkeyDir.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
    ProcessBuilder builder = new ProcessBuilder("node", script.toString(), "--port=" + port, "--headless")
        .directory(portkeyDir.toFile());
    return Service.start("portkey", port, builder, logs, Map.of("TRUSTED_CUSTOM_HOSTS", "127.0.0.1,localhost"), false)
        .awaitReady(null, STARTUP);
  }

  /** Spillway from its shaded jar on a generated folder config; {@code env} switches tracing. */
  public Service spillway(String name, Path jar, int mockPort, Map<String, String> env)
      throws IOException, InterruptedException {
    int port = freePort();
    int adminPort = freePort();
    Path config = Files.createDirectories(work.resolve(name + "-config"));
    SpillwayConfig.write(config, mockPort);
    List<String> command = new ArrayList<>(List.of(runtime.java().toString()));
    command.addAll(HEAP);
    command.addAll(runtime.memoryFlags());
    command.addAll(SHIPPED_MODULES);
    // The GC log only records (the pauses and stalls streams wait on, see GcPauses); it tunes
    // nothing. gc+phases: ZGC (an experiment's collector) logs its pauses there, not under gc alone.
    command.addAll(List.of("-Xlog:gc,gc+phases:file=" + Service.gcLog(logs, name) + ":utctime", "-jar", jar.toString(),
        "--config", config.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--admin-port", Integer.toString(adminPort)));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("SPILLWAY_SECRET_MOCK_API_KEY", "sk-bench-0123456789");
    return Service.start(name, port, adminPort, builder, logs, all, true).awaitReady("/readyz", STARTUP);
  }

  /**
   * Spillway's heap in the benchmark: up to the 512 MB the 10,000-stream target is set against
   * (the image sizes its heap from the container's memory instead, {@code MaxRAMPercentage}).
   */
  static final List<String> HEAP = List.of("-Xms256m", "-Xmx512m");

  /**
   * The collector settings proxy/Dockerfile ships (ShippedJvmFlagsTest holds the two equal), so the
   * benchmark measures the collector users run. G1 is named because the JVM's own choice depends on
   * the machine: with fewer than two CPUs or under ~1.8 GB of memory (a small pod) it picks the
   * single-threaded Serial collector.
   */
  static final List<String> SHIPPED_MEMORY_FLAGS = List.of("-XX:+UseG1GC");

  /**
   * The modules proxy/Dockerfile adds (ShippedJvmFlagsTest): the Vector API, with which the proxy
   * scans long prompts a vector at a time (without it, eight bytes at a time: the long-prompt rows
   * would measure another search than users run).
   */
  static final List<String> SHIPPED_MODULES = List.of("--add-modules=jdk.incubator.vector");

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String ownJar() {
    try {
      return Path.of(Launchers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
