package dev.spillway.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of js/'s SDK scripts with Node against a proxy and reads the one JSON object it prints:
 * check name to {@code {ok, value}} or {@code {ok: false, errorClass, name, status, message, type}}.
 */
final class NodeScript {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 180;

  private NodeScript() {}

  static JsonNode run(String script, int proxyPort, Map<String, String> env) throws Exception {
    Path dir = Path.of(System.getProperty("sdk.scripts", "js")).toAbsolutePath();
    // Output goes to files, never pipes: a full pipe would block the script (and this test) forever.
    File out = Files.createTempFile("sdk-" + script, ".json").toFile();
    File err = Files.createTempFile("sdk-" + script, ".err").toFile();
    try {
      ProcessBuilder builder = new ProcessBuilder("node", script).directory(dir.toFile())
          .redirectOutput(out).redirectError(err);
      builder.environment().put("SPILLWAY_URL", "http://127.0.0.1:" + proxyPort);
      builder.environment().putAll(env);
      Process node = builder.start();
      if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        throw new AssertionError(script + " did not finish within " + TIMEOUT_SECONDS + " s: " + Files.readString(err.toPath()));
      }
      String printed = Files.readString(out.toPath()).strip();
      if (node.exitValue() != 0 || printed.isEmpty()) {
        throw new AssertionError(script + " exited " + node.exitValue() + ": " + Files.readString(err.toPath()));
      }
      return MAPPER.readTree(printed);
    } finally {
      out.delete();
      err.delete();
    }
  }
}
