package dev.spillway.proxy.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A hash of the YAML files the loader reads (names and contents), to tell a real change from a
 * touch, and to notice changes on filesystems that send no watch events.
 */
final class FolderFingerprint {
  private FolderFingerprint() {}

  static String of(Path folder) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : yamlFiles(folder)) {
        digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException unreadable) {
      // Changes to "unreadable", so the reload runs and the loader reports what is wrong.
      return "unreadable: " + unreadable.getMessage();
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }

  private static List<Path> yamlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> {
            String name = file.getFileName().toString();
            return name.endsWith(".yaml") || name.endsWith(".yml");
          })
          .filter(Files::isRegularFile)
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
