package dev.spillway.proxy.standalone;

import dev.spillway.compiler.ResourceYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A hash of the YAML names the loader reads (names and contents), to tell a real change from a
 * touch, and to notice changes on filesystems that send no watch events. Every YAML name the
 * loader reads counts, also a broken link, so adding one triggers the reload that reports it; a file over
 * the loader's size limit counts by size and time, not read (the loader refuses it unread too).
 */
final class FolderFingerprint {
  private FolderFingerprint() {}

  static String of(Path folder) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : yamlNames(folder)) {
        digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(content(file).getBytes(StandardCharsets.UTF_8));
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

  /** What stands for one name's content in the hash. */
  private static String content(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile() || attributes.size() > ResourceYaml.MAX_FILE_BYTES) {
        return "unread:" + attributes.isDirectory() + ":" + attributes.size() + ":" + attributes.lastModifiedTime();
      }
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException | NoSuchAlgorithmException broken) {
      return "broken:" + broken.getClass().getSimpleName();
    }
  }

  private static List<Path> yamlNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(ResourceYaml::isConfigName).sorted().collect(Collectors.toList());
    }
  }
}
