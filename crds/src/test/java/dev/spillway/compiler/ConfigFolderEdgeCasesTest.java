package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17, finding 7: what a careless edit can leave in a config folder is reported in one clear
 * line naming the file, never thrown as a stack trace or skipped in silence.
 */
class ConfigFolderEdgeCasesTest {
  private static final int DEPTH = 10_000;

  @ParameterizedTest
  @ValueSource(strings = {"sequences", "flow mappings", "block mappings"})
  void yamlTenThousandLevelsDeepIsOneProblemNotAStackTrace(String shape) {
    String yaml = switch (shape) {
      case "sequences" -> "[".repeat(DEPTH) + "]".repeat(DEPTH);
      case "flow mappings" -> "{a: ".repeat(DEPTH) + "1" + "}".repeat(DEPTH);
      default -> {
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < DEPTH; i++) {
          block.append(" ".repeat(i)).append("a:\n");
        }
        yield block.toString();
      }
    };

    List<Problem> problems = ResourceYaml.readString("deep.yaml", yaml).problems();

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).toString()).contains("deep.yaml").contains("is not valid YAML").doesNotContain("\n");
  }

  @Test
  void aSymbolicLinkLoopIsNamed(@TempDir Path folder) throws Exception {
    Files.createSymbolicLink(folder.resolve("a.yaml"), folder.resolve("b.yaml"));
    Files.createSymbolicLink(folder.resolve("b.yaml"), folder.resolve("a.yaml"));

    List<Problem> problems = ResourceYaml.readFolder(folder).problems();

    assertThat(problems).hasSize(2);
    assertThat(problems).allSatisfy(p -> assertThat(p.toString()).contains("symbolic link that cannot be followed"));
  }

  @Test
  void aDanglingLinkIsNamed(@TempDir Path folder) throws Exception {
    Files.createSymbolicLink(folder.resolve("models.yaml"), folder.resolve("gone.yaml"));

    List<Problem> problems = ResourceYaml.readFolder(folder).problems();

    assertThat(problems).singleElement().satisfies(p ->
        assertThat(p.toString()).contains("models.yaml").contains("symbolic link to a file that does not exist"));
  }

  @Test
  void aBinaryFileIsNamedAsSuch(@TempDir Path folder) throws Exception {
    Files.write(folder.resolve("image.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff});
    Files.write(folder.resolve("latin1.yaml"), "kind: caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    List<Problem> problems = ResourceYaml.readFolder(folder).problems();

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).toString()).contains("image.yaml").contains("is not text");
    assertThat(problems.get(1).toString()).contains("latin1.yaml").contains("is not UTF-8 text");
    assertThat(problems.toString()).doesNotContain("MalformedInputException");
  }

  @Test
  void aTenMegabyteFileIsRefusedUnreadAndQuickly(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("huge.yaml"), "# padding\n".repeat(1_048_576));

    long start = System.nanoTime();
    List<Problem> problems = ResourceYaml.readFolder(folder).problems();
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(problems).singleElement().satisfies(p ->
        assertThat(p.toString()).contains("huge.yaml").contains("10485760 bytes").contains("at most 1048576"));
    assertThat(tookMs).isLessThan(1_000);
  }
}
