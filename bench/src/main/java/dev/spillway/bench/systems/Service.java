package dev.spillway.bench.systems;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A system under test (or the mock) running as a child process, its output in a log file. */
public final class Service implements AutoCloseable {
  private final String name;
  private final int port;
  private final int adminPort;
  private final Process process;
  private final boolean jvm;
  private final Path logs;

  private Service(String name, int port, int adminPort, Process process, boolean jvm, Path logs) {
    this.name = name;
    this.logs = logs;
    this.port = port;
    this.adminPort = adminPort;
    this.process = process;
    this.jvm = jvm;
  }

  /** @param jvm whether the process is a JVM (jcmd works on it: heap, GC, compile queue) */
  public static Service start(String name, int port, ProcessBuilder builder, Path logs, Map<String, String> env,
      boolean jvm) throws IOException {
    return start(name, port, 0, builder, logs, env, jvm);
  }

  /** @param adminPort where the process serves its operator-facing endpoints (Spillway's stats), or 0 */
  public static Service start(String name, int port, int adminPort, ProcessBuilder builder, Path logs,
      Map<String, String> env, boolean jvm) throws IOException {
    Files.createDirectories(logs);
    // The harness decides every Spillway and OpenTelemetry setting: none leaks in from the shell.
    builder.environment().keySet().removeIf(key -> key.startsWith("SPILLWAY_") || key.startsWith("OTEL_"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
    return new Service(name, port, adminPort, builder.start(), jvm, logs);
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** Spillway's admin port (stats, metrics; never on the public one), or 0 for other systems. */
  public int adminPort() {
    return adminPort;
  }

  public long pid() {
    return process.pid();
  }

  public boolean jvm() {
    return jvm;
  }

  /** Where a JVM started with {@code -Xlog:gc} (Spillway) writes its GC log; absent for the others. */
  public Path gcLog() {
    return gcLog(logs, name);
  }

  static Path gcLog(Path logs, String name) {
    return logs.resolve(name + "-gc.log");
  }

  /** Waits until the port answers {@code readyPath} with a non-5xx status (or, without one, accepts). */
  public Service awaitReady(String readyPath, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpClient client = HttpClient.newHttpClient();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " (see its log)");
      }
      try {
        if (readyPath == null) {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return this;
          }
        }
        HttpResponse<Void> response = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + readyPath))
                .timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() < 500) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " not ready after " + timeout);
  }

  /** Resident set size of the process (its children's not included), in MB. */
  public double rssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  /**
   * The process's open-file limit (soft, which a JVM raises to the hard one at start), from
   * {@code /proc/<pid>/limits}; {@code Long.MAX_VALUE} when unlimited.
   */
  public long openFileLimit() throws IOException {
    return openFileLimit(Files.readString(Path.of("/proc/" + pid() + "/limits")));
  }

  static long openFileLimit(String procLimits) {
    for (String line : procLimits.split("\\R")) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    throw new IllegalStateException("no \"Max open files\" line in /proc/<pid>/limits");
  }

  /**
   * CPU time (user + system) used so far by the process and its descendants (nginx's workers), in
   * nanoseconds, from {@code /proc/<pid>/stat}: what a call costs the system under test, whatever
   * else shares the cores.
   */
  public long cpuNanos() throws IOException {
    long ticks = cpuTicks(Files.readString(Path.of("/proc/" + pid() + "/stat")));
    for (ProcessHandle child : process.descendants().toList()) {
      try {
        ticks += cpuTicks(Files.readString(Path.of("/proc/" + child.pid() + "/stat")));
      } catch (IOException gone) {
        // a worker that exited meanwhile: its time is not the calls' any more
      }
    }
    return ticks * NANOS_PER_TICK;
  }

  /**
   * CPU time (user + system) the JVM's JIT compiler threads ({@code C1 CompilerThread…},
   * {@code C2 CompilerThread…}) have used so far, in nanoseconds, from {@code /proc/<pid>/task/*}:
   * how much of a measurement went to compiling rather than to the work measured. A compiler
   * thread the JVM stopped meanwhile is not counted (HotSpot keeps at least one of each).
   */
  public long compilerCpuNanos() throws IOException {
    return compilerCpuNanos(pid());
  }

  static long compilerCpuNanos(long pid) throws IOException {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          if (compilerThread(stat)) {
            ticks += cpuTicks(stat);
          }
        } catch (IOException gone) {
          // a thread that ended between the listing and the read
        }
      }
    }
    return ticks * NANOS_PER_TICK;
  }

  /** Whether a {@code /proc/<pid>/task/<tid>/stat} line is a HotSpot JIT compiler thread's (its name is cut to 15 characters). */
  static boolean compilerThread(String procStat) {
    String name = procStat.substring(procStat.indexOf('(') + 1, procStat.lastIndexOf(')'));
    return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
  }

  /** Linux's USER_HZ: /proc reports CPU times in hundredths of a second on every common kernel. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line; the name in parentheses may hold spaces. */
  static long cpuTicks(String procStat) {
    String[] fields = procStat.substring(procStat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Used Java heap in MB, read with jcmd (only for JVM services). */
  public double heapUsedMb() throws IOException, InterruptedException {
    return heapUsedMb(jcmd("GC.heap_info"));
  }

  /**
   * The used heap of {@code GC.heap_info}'s first "used" figure: G1 writes {@code garbage-first heap
   * total 262144K, used 40123K}, ZGC {@code ZHeap used 76M, capacity 256M} (whole megabytes).
   */
  static double heapUsedMb(String heapInfo) {
    // Metaspace's own "used" follows the heap's; a collector whose heap line reads otherwise
    // (Shenandoah: "… 32176K used") must give no figure rather than Metaspace's.
    String heap = heapInfo.lines().filter(line -> !line.contains("Metaspace") && !line.contains("class space"))
        .collect(java.util.stream.Collectors.joining("\n"));
    java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)([KMG])").matcher(heap);
    if (!used.find()) {
      return Double.NaN;
    }
    long amount = Long.parseLong(used.group(1));
    return switch (used.group(2)) {
      case "K" -> amount / 1024.0;
      case "M" -> amount;
      default -> amount * 1024.0;
    };
  }

  /** A full collection (JVM services), so the next heap reading is the live set. */
  public void fullGc() throws IOException, InterruptedException {
    jcmd("GC.run");
  }

  /**
   * Methods the JIT has queued or is compiling right now (C1 and C2), from {@code jcmd
   * Compiler.queue}; -1 when jcmd gave no readable answer. Read while the process is under load:
   * once the load stops the queue drains whether or not the hot path is compiled.
   */
  public int compileQueue() throws IOException, InterruptedException {
    return pendingCompiles(jcmd("Compiler.queue"));
  }

  /** Counts the entries under "Current compiles:" and each "... compile queue:" ("Empty" is none). */
  static int pendingCompiles(String jcmdOutput) {
    if (!jcmdOutput.contains("compile queue:")) {
      return -1;
    }
    int pending = 0;
    boolean inSection = false;
    for (String line : jcmdOutput.split("\\R")) {
      if (line.startsWith("Current compiles:") || line.endsWith("compile queue:")) {
        inSection = true;
      } else if (line.isBlank()) {
        inSection = false;
      } else if (inSection && !line.trim().equals("Empty")) {
        pending++;
      }
    }
    return pending;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid()), command)
        .redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    return out;
  }

  /**
   * Stops the process (SIGSTOP) until {@link #resume}: a system waiting for its turn wakes nothing
   * on the cores the measured ones share. An idle Spillway still wakes ~70 times a second (its live
   * feed's pump, its timers, the JVM's periodic tasks), and six of them idle beside the other parts
   * widened every system's sequential p99, the direct path's included.
   */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Lets a {@link #pause paused} process run again. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
    String out = new String(kill.getInputStream().readAllBytes());
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " " + this.name + " (pid " + pid() + "): " + out.strip());
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        resume(); // a stopped process would hold its SIGTERM until the forcible kill
      } catch (IOException e) {
        // it ended meanwhile: nothing to stop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
