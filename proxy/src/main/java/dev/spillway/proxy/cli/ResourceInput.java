package dev.spillway.proxy.cli;

import dev.spillway.compiler.LoadedResources;
import dev.spillway.compiler.ResourceYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resource YAML named on a command line: folders (their *.yaml / *.yml files, sorted), files, or
 * {@code -} for standard input ({@code kustomize build . | java -jar spillway-proxy.jar validate -}).
 */
final class ResourceInput {
  static final String STDIN = "-";
  /** Larger input is refused rather than read into memory whole. */
  static final long MAX_BYTES = 64L << 20;

  private ResourceInput() {}

  /**
   * @throws IllegalArgumentException naming the input that cannot be read
   */
  static LoadedResources read(List<String> inputs, InputStream stdin) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String input : inputs) {
      if (STDIN.equals(input)) {
        texts.put("<stdin>", readStdin(stdin));
        continue;
      }
      Path path = Path.of(input);
      if (Files.isDirectory(path)) {
        yamlFiles(path).forEach(file -> texts.put(file.toString(), readFile(file)));
      } else if (Files.isRegularFile(path)) {
        texts.put(path.toString(), readFile(path));
      } else {
        throw new IllegalArgumentException(input + ": no such file or folder");
      }
    }
    return ResourceYaml.readTexts(String.join(" ", inputs), texts);
  }

  private static List<Path> yamlFiles(Path folder) {
    try (Stream<Path> listing = Files.list(folder)) {
      return listing.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException(folder + ": cannot list the folder: " + e.getMessage());
    }
  }

  private static String readFile(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static String readStdin(InputStream stdin) {
    try {
      byte[] bytes = stdin.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IllegalArgumentException("standard input: larger than " + (MAX_BYTES >> 20) + " MiB");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
