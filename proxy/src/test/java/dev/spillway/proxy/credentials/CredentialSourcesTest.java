package dev.spillway.proxy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.compiler.SecretCatalog;
import dev.spillway.config.SecretRef;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialSourcesTest {
  private static final SecretRef OPENAI = new SecretRef("openai", "api-key");

  @Test
  void envVariableNameIsUpperCasedWithNonAlphanumericsAsUnderscores() {
    assertThat(EnvCredentials.variableName("openai", "api-key")).isEqualTo("SPILLWAY_SECRET_OPENAI_API_KEY");
    assertThat(EnvCredentials.variableName("team.anthropic-prod", "token_2"))
        .isEqualTo("SPILLWAY_SECRET_TEAM_ANTHROPIC_PROD_TOKEN_2");
  }

  @Test
  void envCredentialsReadTheNamedVariableAndIgnoreEmptyOnes() {
    EnvCredentials env = new EnvCredentials(Map.of(
        "SPILLWAY_SECRET_OPENAI_API_KEY", "sk-env",
        "SPILLWAY_SECRET_ANTHROPIC_API_KEY", ""));

    assertThat(env.lookup(OPENAI)).contains("sk-env");
    assertThat(env.lookup(new SecretRef("anthropic", "api-key"))).isEmpty();
    assertThat(env.lookup(new SecretRef("openai", "other"))).isEmpty();
  }

  @Test
  void envCatalogKnowsWhichSecretsAndKeysTheEnvironmentProvides() {
    SecretCatalog catalog = new EnvCredentials(Map.of(
        "SPILLWAY_SECRET_OPENAI_API_KEY", "sk-env", "PATH", "/usr/bin")).catalog();

    assertThat(catalog.has("openai", "api-key")).isTrue();
    assertThat(catalog.has("openai", "org-id")).isFalse();
    assertThat(catalog.hasSecret("openai")).isTrue();
    assertThat(catalog.hasSecret("anthropic")).isFalse();
  }

  @Test
  void folderCredentialsServeTheLatestSecretsSoRotationTakesEffect() {
    FolderCredentials folder = new FolderCredentials();
    assertThat(folder.lookup(OPENAI)).isEmpty();

    folder.replace(Map.of("openai", Map.of("api-key", "sk-old")));
    assertThat(folder.lookup(OPENAI)).contains("sk-old");

    folder.replace(Map.of("openai", Map.of("api-key", "sk-new")));
    assertThat(folder.lookup(OPENAI)).contains("sk-new");
    assertThat(folder.toString()).doesNotContain("sk-new");
  }

  @Test
  void compositionPrefersTheFolderThenFallsBackToTheEnvironment() {
    FolderCredentials folder = new FolderCredentials();
    folder.replace(Map.of("openai", Map.of("api-key", "sk-folder")));
    EnvCredentials env = new EnvCredentials(Map.of(
        "SPILLWAY_SECRET_OPENAI_API_KEY", "sk-env", "SPILLWAY_SECRET_ANTHROPIC_API_KEY", "sk-ant-env"));
    CredentialSource both = new FirstFoundCredentials(folder, env);

    assertThat(both.lookup(OPENAI)).contains("sk-folder");
    assertThat(both.lookup(new SecretRef("anthropic", "api-key"))).contains("sk-ant-env");
    assertThat(both.lookup(new SecretRef("gemini", "api-key"))).isEmpty();
  }
}
