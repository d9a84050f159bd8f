package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.spillway.api.v1alpha1.ProviderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceYamlTest {
  private static final String ACCOUNT = """
      apiVersion: spillway.dev/v1alpha1
      kind: ProviderAccount
      metadata:
        name: openai
      spec:
        provider: openai
        credentialsSecretRef: {name: llm-keys, key: openai}
      """;
  private static final String MODEL = """
      apiVersion: spillway.dev/v1alpha1
      kind: LogicalModel
      metadata:
        name: chat
      spec:
        targets:
          - account: openai
            model: gpt-4o-mini
      """;
  private static final String POLICY = """
      apiVersion: spillway.dev/v1alpha1
      kind: RoutingPolicy
      metadata:
        name: interactive
      spec:
        priority: 10
        route: {model: chat}
      """;
  private static final String SECRET = """
      apiVersion: v1
      kind: Secret
      metadata:
        name: llm-keys
      type: Opaque
      data:
        openai: c2stdGVzdC0x
        shared: ZnJvbS1kYXRh
      stringData:
        anthropic: sk-ant-test
        shared: from-stringData
      """;

  @Test
  void readsEveryDocumentOfAMultiDocumentFileSkippingEmptyOnes() {
    LoadedResources loaded = ResourceYaml.readString("all.yaml",
        "---\n" + ACCOUNT + "---\n---\n" + MODEL + "---\n" + POLICY + "---\n# only a comment\n---\n" + SECRET);

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.source()).isEqualTo("all.yaml");
    assertThat(loaded.accounts()).singleElement().satisfies(a -> {
      assertThat(a.getMetadata().getName()).isEqualTo("openai");
      assertThat(a.getSpec().provider).isEqualTo(ProviderKind.OPENAI);
      assertThat(a.getSpec().credentialsSecretRef.key).isEqualTo("openai");
    });
    assertThat(loaded.models()).singleElement().satisfies(m ->
        assertThat(m.getSpec().targets.get(0).model).isEqualTo("gpt-4o-mini"));
    assertThat(loaded.policies()).singleElement().satisfies(p ->
        assertThat(p.getSpec().route.model).isEqualTo("chat"));
    assertThat(new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty())).ok()).isTrue();
  }

  @Test
  void secretsTakeBase64DataAndPlainStringDataWithStringDataWinning() {
    LoadedResources loaded = ResourceYaml.readString("keys.yaml", SECRET);

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.secrets()).containsExactly(Map.entry("llm-keys", Map.of(
        "openai", "sk-test-1", "anthropic", "sk-ant-test", "shared", "from-stringData")));
    assertThat(loaded.toString()).contains("llm-keys").doesNotContain("sk-test-1", "sk-ant-test");
  }

  @Test
  void badSecretsAreReportedWithoutTheirValues() {
    LoadedResources loaded = ResourceYaml.readString("keys.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: llm-keys}
        data:
          openai: "sk-not-base64!!"
          count: 3
        """);

    assertThat(loaded.secrets()).isEmpty();
    assertThat(loaded.problems())
        .extracting(Problem::kind, Problem::name, Problem::field)
        .containsExactly(tuple("Secret", "llm-keys", "data.openai"), tuple("Secret", "llm-keys", "data.count"));
    assertThat(loaded.problems().toString()).doesNotContain("sk-not-base64");
  }

  @Test
  void anUnknownFieldIsReportedWithItsPathAndTheKnownFields() {
    LoadedResources loaded = ResourceYaml.readString("policy.yaml", POLICY + """
          maxFallbackDeth: 2
          retry:
            atempts: 3
        """);

    assertThat(loaded.policies()).isEmpty();
    assertThat(loaded.problems())
        .extracting(Problem::kind, Problem::name, Problem::field)
        .containsExactly(
            tuple("RoutingPolicy", "interactive", "spec.maxFallbackDeth"),
            tuple("RoutingPolicy", "interactive", "spec.retry.atempts"));
    assertThat(loaded.problems().get(0).message())
        .contains("unknown field \"maxFallbackDeth\"", "policy.yaml document 1", "maxFallbackDepth");
  }

  @Test
  void anUnknownFieldInAListItemNamesTheItem() {
    LoadedResources loaded = ResourceYaml.readString("model.yaml", MODEL + """
              wieght: 3
        """);

    assertThat(loaded.problems()).extracting(Problem::field).containsExactly("spec.targets[0].wieght");
  }

  @Test
  void anUnknownFieldHoldingAListOrMappingIsNamedByItsOwnPath() {
    LoadedResources loaded = ResourceYaml.readString("policy.yaml", POLICY.replace(
        "route: {model: chat}", "route: {model: chat, fallback: [backup]}\n  hegde: {after: 1s}"));

    assertThat(loaded.problems()).extracting(Problem::field)
        .containsExactly("spec.route.fallback", "spec.hegde");
  }

  @Test
  void typesAreCheckedAsStrictlyAsTheApiServerDoes() {
    LoadedResources unquoted = ResourceYaml.readString("policy.yaml", POLICY + "  retry: {on: [5xx, 429]}\n");
    LoadedResources quoted = ResourceYaml.readString("policy.yaml", POLICY + "  retry: {on: [5xx, \"429\"]}\n");
    LoadedResources textNumber = ResourceYaml.readString("policy.yaml", POLICY.replace("10", "\"10\""));

    assertThat(unquoted.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("spec.retry.on[1]");
      assertThat(problem.message()).contains("expected a string", "quote");
    });
    assertThat(quoted.problems()).isEmpty();
    assertThat(quoted.policies().get(0).getSpec().retry.on).containsExactly("5xx", "429");
    assertThat(textNumber.problems()).extracting(Problem::field).containsExactly("spec.priority");
  }

  @Test
  void aValueOfTheWrongTypeIsReportedInYamlTerms() {
    LoadedResources loaded = ResourceYaml.readString("a.yaml", """
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata: {name: x}
        spec: {provider: openia}
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: RoutingPolicy
        metadata: {name: p}
        spec: {priority: 2.5}
        """);

    assertThat(loaded.problems())
        .extracting(Problem::kind, Problem::name, Problem::field)
        .containsExactly(tuple("ProviderAccount", "x", "spec.provider"), tuple("RoutingPolicy", "p", "spec.priority"));
    assertThat(loaded.problems().get(0).message())
        .contains("\"openia\"", "openai, anthropic, gemini, bedrock, vertex, openai-compatible, simulated", "a.yaml document 1");
    assertThat(loaded.problems().get(1).message()).contains("a.yaml document 2");
  }

  @Test
  void unsupportedKindsAndWrongApiVersionsAreReported() {
    LoadedResources loaded = ResourceYaml.readString("mixed.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        ---
        apiVersion: spillway.dev/v1beta1
        kind: LogicalModel
        metadata: {name: chat}
        ---
        metadata: {name: nameless-kind}
        ---
        - just
        - a list
        """);

    assertThat(loaded.problems())
        .extracting(Problem::kind, Problem::name, Problem::field)
        .containsExactly(
            tuple("Deployment", "web", "kind"),
            tuple("LogicalModel", "chat", "apiVersion"),
            tuple("Document", "nameless-kind", "kind"),
            tuple("Document", "mixed.yaml document 4", ""));
    assertThat(loaded.problems().get(0).message()).contains("unsupported kind \"Deployment\"", "RoutingPolicy");
    assertThat(loaded.problems().get(1).message())
        .contains("must be spillway.dev/v1alpha1", "\"spillway.dev/v1beta1\"", "mixed.yaml document 2");
  }

  @Test
  void brokenYamlIsReportedWithItsLineAndWithoutItsText() {
    LoadedResources loaded = ResourceYaml.readString("broken.yaml", ACCOUNT + """
        ---
        apiVersion: v1
        kind: Secret
        stringData:
          key: "sk-secret-value
        """);

    assertThat(loaded.accounts()).hasSize(1);
    assertThat(loaded.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo("Document");
      assertThat(problem.name()).isEqualTo("broken.yaml document 2");
      assertThat(problem.message()).contains("is not valid YAML at line").doesNotContain("sk-secret-value");
    });
  }

  @Test
  void aKeyGivenTwiceInOneMappingIsReported() {
    LoadedResources loaded = ResourceYaml.readString("dup.yaml", POLICY + "  priority: 20\n");

    assertThat(loaded.policies()).isEmpty();
    assertThat(loaded.problems()).singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("priority"));
  }

  @Test
  void aNameDefinedTwiceKeepsTheFirstAndNamesBothPlaces(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("a.yaml"), ACCOUNT);
    Files.writeString(folder.resolve("b.yml"), ACCOUNT.replace("provider: openai", "provider: gemini"));

    LoadedResources loaded = ResourceYaml.readFolder(folder);

    assertThat(loaded.accounts()).singleElement()
        .satisfies(a -> assertThat(a.getSpec().provider).isEqualTo(ProviderKind.OPENAI));
    assertThat(loaded.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo("ProviderAccount");
      assertThat(problem.name()).isEqualTo("openai");
      assertThat(problem.field()).isEqualTo("metadata.name");
      assertThat(problem.message()).contains("b.yml document 1", "a.yaml document 1");
    });
  }

  @Test
  void aFolderIsReadFileByFileInNameOrderIgnoringOtherFiles(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("2-models.yaml"), MODEL);
    Files.writeString(folder.resolve("1-accounts.yml"), ACCOUNT + "---\n" + SECRET);
    Files.writeString(folder.resolve("3-policies.yaml"), POLICY);
    Files.writeString(folder.resolve("README.md"), "not yaml: [");
    Files.createDirectory(folder.resolve("nested.yaml"));

    LoadedResources loaded = ResourceYaml.readFolder(folder);

    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.source()).isEqualTo(folder.toString());
    CompileResult compiled = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty()));
    assertThat(compiled.problems()).isEmpty();
    assertThat(compiled.config().policies().get(0).route()).containsExactly("chat");
  }

  @Test
  void aMissingFolderIsAProblemNotAnException(@TempDir Path folder) {
    LoadedResources loaded = ResourceYaml.readFolder(folder.resolve("absent"));

    assertThat(loaded.problems()).singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("cannot list the folder"));
  }
}
