package dev.spillway.proxy.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spillway.compiler.SecretCatalog;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.proxy.credentials.EnvCredentials;
import dev.spillway.proxy.credentials.FolderCredentials;
import dev.spillway.proxy.standalone.ConfigReloader.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {
  private static final String OPENAI_ACCOUNT = """
      apiVersion: spillway.dev/v1alpha1
      kind: ProviderAccount
      metadata:
        name: openai
      spec:
        provider: openai
        credentialsSecretRef: {name: openai, key: api-key}
      """;

  @TempDir Path dir;
  private final List<RouterConfig> pushed = new CopyOnWriteArrayList<>();
  private final FolderCredentials credentials = new FolderCredentials();
  private final LogCapture logs = new LogCapture(ConfigReloader.class);

  @AfterEach
  void stopCapture() {
    logs.close();
  }

  @Test
  void validFolderIsLoadedAndPushed() throws Exception {
    ConfigFolder.valid(dir);
    ConfigReloader reloader = reloader(SecretCatalog.empty());

    RouterConfig config = reloader.loadInitial();
    reloader.connect(pushed::add);

    assertThat(pushed).containsExactly(config);
    assertThat(config.accounts()).containsOnlyKeys("sim");
    assertThat(logs.lines()).containsExactly(
        "config " + config.version() + " loaded from " + dir + ": 1 accounts, 1 models, 0 policies");
  }

  @Test
  void invalidChangeKeepsTheLastGoodConfigAndLogsEachProblemOnOneLine() throws Exception {
    ConfigFolder folder = ConfigFolder.valid(dir);
    ConfigReloader reloader = reloader(SecretCatalog.empty());
    RouterConfig good = reloader.loadInitial();
    reloader.connect(pushed::add);

    folder.write("models.yaml", ConfigFolder.MODEL.replace("account: sim", "account: nowhere"));
    folder.write("policies.yaml", """
        apiVersion: spillway.dev/v1alpha1
        kind: RoutingPolicy
        metadata:
          name: no-priority
        spec:
          match: {purposes: [x]}
        """);

    assertThat(reloader.reload()).isEqualTo(Outcome.REJECTED);
    assertThat(pushed).containsExactly(good);
    assertThat(reloader.current()).isSameAs(good);
    List<String> rejected = logs.linesStartingWith("config rejected: ");
    assertThat(rejected).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    assertThat(rejected).anySatisfy(line -> assertThat(line)
        .startsWith("config rejected: LogicalModel/chat spec.targets[0].account: ").contains("nowhere"));
    assertThat(rejected).anySatisfy(line -> assertThat(line)
        .startsWith("config rejected: RoutingPolicy/no-priority spec.priority: "));
  }

  @Test
  void validChangePushesTheNewVersion() throws Exception {
    ConfigFolder folder = ConfigFolder.valid(dir);
    ConfigReloader reloader = reloader(SecretCatalog.empty());
    RouterConfig first = reloader.loadInitial();
    reloader.connect(pushed::add);

    folder.write("models.yaml", ConfigFolder.MODEL.replace("model: sim-1", "model: sim-2"));

    assertThat(reloader.reload()).isEqualTo(Outcome.LOADED);
    assertThat(pushed).hasSize(2);
    assertThat(pushed.get(1).version()).isNotEqualTo(first.version());
    assertThat(pushed.get(1).model("chat").orElseThrow().targets().get(0).model()).isEqualTo("sim-2");
  }

  @Test
  void identicalContentPushesNothing() throws Exception {
    ConfigFolder folder = ConfigFolder.valid(dir);
    ConfigReloader reloader = reloader(SecretCatalog.empty());
    reloader.loadInitial();
    reloader.connect(pushed::add);

    folder.write("models.yaml", ConfigFolder.MODEL);

    assertThat(reloader.reload()).isEqualTo(Outcome.UNCHANGED);
    assertThat(pushed).hasSize(1);
  }

  @Test
  void rotatedKeyInAFolderSecretTakesEffectOnReload() throws Exception {
    ConfigFolder folder = new ConfigFolder(dir)
        .write("accounts.yaml", OPENAI_ACCOUNT)
        .write("secret.yaml", secret("sk-old"));
    ConfigReloader reloader = reloader(SecretCatalog.empty());
    reloader.loadInitial();
    SecretRef ref = new SecretRef("openai", "api-key");
    assertThat(credentials.lookup(ref)).contains("sk-old");

    folder.write("secret.yaml", secret("sk-new"));

    assertThat(reloader.reload()).isEqualTo(Outcome.UNCHANGED);
    assertThat(credentials.lookup(ref)).contains("sk-new");
    assertThat(logs.lines()).noneMatch(line -> line.contains("sk-old") || line.contains("sk-new"));
  }

  @Test
  void keysFromTheEnvironmentSatisfyTheCredentialsCheck() throws Exception {
    new ConfigFolder(dir).write("accounts.yaml", OPENAI_ACCOUNT);
    EnvCredentials env = new EnvCredentials(Map.of("SPILLWAY_SECRET_OPENAI_API_KEY", "sk-env"));

    RouterConfig config = reloader(env.catalog()).loadInitial();

    assertThat(config.account("openai").credentials()).isEqualTo(new SecretRef("openai", "api-key"));
  }

  @Test
  void startupWithAnInvalidFolderFailsWithEveryProblemAndOneClearLine() {
    new ConfigFolder(dir).write("accounts.yaml", OPENAI_ACCOUNT);
    ConfigReloader reloader = reloader(SecretCatalog.empty());

    ConfigRejectedException rejected = catchThrowableOfType(ConfigRejectedException.class, reloader::loadInitial);

    assertThat(rejected.getMessage()).isEqualTo("no valid config in " + dir + ": 1 problem (each logged above)");
    List<String> rejectedLines = logs.linesStartingWith("config rejected: ");
    assertThat(rejectedLines).singleElement().asString()
        .startsWith("config rejected: ProviderAccount/openai spec.credentialsSecretRef");
    assertThat(rejected.problems()).singleElement()
        .hasToString(rejectedLines.get(0).substring("config rejected: ".length()));
    assertThat(logs.lines()).anySatisfy(hint -> assertThat(hint).contains("SPILLWAY_SECRET_OPENAI_API_KEY"));
    assertThat(reloader.current()).isNull();
  }

  private ConfigReloader reloader(SecretCatalog envCatalog) {
    return new ConfigReloader(new FolderConfigLoader(dir, envCatalog), credentials);
  }

  private static String secret(String value) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: openai
        stringData:
          api-key: %s
        """.formatted(value);
  }
}
