package dev.spillway.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop throughput with wrk (C, Debian package): as fast as the connections allow. Its latency
 * figures are not used (measured at saturation they say nothing); only requests per second and errors.
 */
public final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern CALLS = Pattern.compile("(\\d+) requests in ");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private Wrk() {}

  /** @param calls the requests wrk completed ("N requests in …"): the divisor of a CPU-per-call figure */
  public record Result(double requestsPerSecond, long errors, long calls) {}

  public static Result run(Target target, int connections, int seconds, Path work)
      throws IOException, InterruptedException {
    return start(target, connections, seconds, work).await();
  }

  /** Starts wrk and returns at once, so the caller can look at the system while it is loaded. */
  public static Running start(Target target, int connections, int seconds, Path work) throws IOException {
    Path script = work.resolve("wrk-" + target.name().replaceAll("[^a-zA-Z0-9-]", "_") + ".lua");
    Files.writeString(script, lua(target));
    int threads = Math.min(2, connections);
    Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
        "-s", script.toString(), "http://127.0.0.1:" + target.port() + target.path())
        .redirectErrorStream(true).start();
    return new Running(wrk);
  }

  /** A wrk run under way. */
  public static final class Running {
    private final Process wrk;

    private Running(Process wrk) {
      this.wrk = wrk;
    }

    /** Waits for the end of the run and parses its figures. */
    public Result await() throws IOException, InterruptedException {
      String out = new String(wrk.getInputStream().readAllBytes());
      if (wrk.waitFor() != 0) {
        throw new IllegalStateException("wrk failed: " + out);
      }
      return parse(out);
    }
  }

  static Result parse(String out) {
    Matcher rate = RATE.matcher(out);
    if (!rate.find()) {
      throw new IllegalStateException("no rate in wrk output: " + out);
    }
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(out);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = SOCKET_ERRORS.matcher(out);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(socket.group(g));
      }
    }
    Matcher calls = CALLS.matcher(out);
    return new Result(Double.parseDouble(rate.group(1)), errors, calls.find() ? Long.parseLong(calls.group(1)) : 0);
  }

  static String lua(Target target) {
    StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\n")
        .append("wrk.body = ").append(luaString(target.body())).append('\n');
    target.wireHeaders().forEach((name, value) ->
        lua.append("wrk.headers[").append(luaString(name)).append("] = ").append(luaString(value)).append('\n'));
    return lua.toString();
  }

  private static String luaString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
