package dev.spillway.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedSecretCredentialsTest {
  @TempDir Path root;

  @Test
  void readsTheMountedKeyAtEveryCallSoARotatedKeyIsUsedNext() throws Exception {
    Files.createDirectories(root.resolve("openai"));
    Files.writeString(root.resolve("openai/api-key"), "sk-old\n");
    MountedSecretCredentials credentials = new MountedSecretCredentials(root);
    SecretRef ref = new SecretRef("openai", "api-key");

    assertThat(credentials.lookup(ref)).hasValue("sk-old");
    Files.writeString(root.resolve("openai/api-key"), "sk-new");
    assertThat(credentials.lookup(ref)).hasValue("sk-new");
  }

  @Test
  void missingEmptyOrEscapingKeysAreAbsent() throws Exception {
    Files.createDirectories(root.resolve("s"));
    Files.writeString(root.resolve("s/empty"), "\n");
    Files.writeString(root.resolve("outside"), "not-a-secret");
    MountedSecretCredentials credentials = new MountedSecretCredentials(root.resolve("s"));

    assertThat(credentials.lookup(new SecretRef("s", "none"))).isEmpty();
    assertThat(credentials.lookup(new SecretRef("nope", "key"))).isEmpty();
    assertThat(new MountedSecretCredentials(root).lookup(new SecretRef("s", "empty"))).isEmpty();
    assertThat(credentials.lookup(new SecretRef("..", "outside"))).isEmpty();
  }

  @Test
  void neverPrintsValues() {
    assertThat(new MountedSecretCredentials(root).toString()).doesNotContain("sk-");
  }
}
