package dev.spillway.proxy.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A config folder in a test's temp dir, with a tiny valid config to start from. */
final class ConfigFolder {
  static final String ACCOUNT = """
      apiVersion: spillway.dev/v1alpha1
      kind: ProviderAccount
      metadata:
        name: sim
      spec:
        provider: simulated
        simulation:
          latency: 0ms
      """;

  static final String MODEL = """
      apiVersion: spillway.dev/v1alpha1
      kind: LogicalModel
      metadata:
        name: chat
      spec:
        targets:
          - account: sim
            model: sim-1
      """;

  final Path path;

  ConfigFolder(Path path) {
    this.path = path;
  }

  static ConfigFolder valid(Path dir) {
    ConfigFolder folder = new ConfigFolder(dir);
    folder.write("accounts.yaml", ACCOUNT);
    folder.write("models.yaml", MODEL);
    return folder;
  }

  ConfigFolder write(String file, String content) {
    try {
      Files.writeString(path.resolve(file), content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
