package dev.spillway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No inert config, ever: every component of every compiled-config record ({@code dev.spillway.config})
 * is read somewhere in the proxy or the operator — outside the config records themselves and the
 * compiler that fills them. A field that is validated, compiled and documented but read by nothing
 * (as {@code retry} and {@code healthCheck} once were) fails this test.
 *
 * <p>Read from the sources: an accessor call {@code .name()} or a method reference {@code ::name}
 * in the proxy's or operator's main code. The few fields whose meaning the compiler applies (their
 * effect is what the proxy reads) are listed with the reason, and must be read by the compiler.
 */
class NoInertConfigTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<Path> READERS = List.of(
      ROOT.resolve("proxy/src/main/java"), ROOT.resolve("operator/src/main/java"));
  private static final Path COMPILER = ROOT.resolve("crds/src/main/java/dev/spillway/compiler");
  /**
   * Fields whose meaning the compiler applies, so the proxy reads their effect, not the field: each
   * must still be read by the compiler (checked below), or it would be inert too.
   */
  private static final Map<String, String> APPLIED_BY_THE_COMPILER = Map.of(
      "PolicyConfig.priority", "policies are ordered by it; the proxy matches them in that order",
      "ModelConfig.fallback", "expanded into ModelConfig.chain, which the proxy walks");

  /**
   * Fields the proxy reads through a method of their own record (one rule, kept beside the data):
   * the method must be called by the proxy or the operator, or the field would be inert too.
   */
  private static final Map<String, String> READ_THROUGH_THEIR_RECORD = Map.of(
      "ConsumerKeyConfig.expiresAtMs", "activeAt",
      "PolicyConfig.regions", "regionsOrDefaults");

  @Test
  void everyCompiledConfigFieldIsReadByTheProxyOrTheOperator() throws Exception {
    String readers = source(READERS);
    String compiler = source(List.of(COMPILER));
    List<String> inert = new ArrayList<>();
    for (Class<?> record : configRecords()) {
      for (RecordComponent component : record.getRecordComponents()) {
        String name = component.getName();
        Pattern read = Pattern.compile("(\\.|::)" + Pattern.quote(name) + "\\b");
        String field = record.getSimpleName() + "." + name;
        boolean appliedByCompiler = APPLIED_BY_THE_COMPILER.containsKey(field) && read.matcher(compiler).find();
        String method = READ_THROUGH_THEIR_RECORD.get(field);
        boolean readThroughRecord = method != null && readers.contains("." + method + "(");
        if (!read.matcher(readers).find() && !appliedByCompiler && !readThroughRecord) {
          inert.add(field);
        }
      }
    }
    assertThat(inert).as("config fields nothing in the proxy or operator reads").isEmpty();
  }

  @Test
  void theScanSeesTheConfigRecords() throws Exception {
    // Guards the test above against passing on an empty scan.
    assertThat(configRecords()).extracting(Class::getSimpleName)
        .contains("RouterConfig", "PolicyConfig", "RetryConfig", "HealthCheckConfig", "HedgeConfig");
  }

  private static List<Class<?>> configRecords() throws IOException, ClassNotFoundException {
    List<Class<?>> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("crds/src/main/java/dev/spillway/config"))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".java") || name.equals("package-info.java")) {
          continue;
        }
        Class<?> type = Class.forName("dev.spillway.config." + name.substring(0, name.length() - 5));
        if (type.isRecord()) {
          records.add(type);
        }
      }
    }
    return records;
  }

  private static String source(List<Path> roots) {
    return roots.stream().flatMap(NoInertConfigTest::javaFiles).map(NoInertConfigTest::read)
        .collect(Collectors.joining("\n"));
  }

  private static Stream<Path> javaFiles(Path root) {
    try {
      return Files.walk(root).filter(p -> p.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
