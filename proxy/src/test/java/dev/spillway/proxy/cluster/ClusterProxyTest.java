package dev.spillway.proxy.cluster;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.config.ClusterLayout;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.PublishedConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy in-cluster: config from a ConfigMap on the Fabric8 mock API server (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class ClusterProxyTest {
  /** The mock logs every request at INFO through JUL; held strongly, as JUL keeps loggers weakly. */
  static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  static final String NS = "team";

  KubernetesClient kube;
  @TempDir Path secrets;
  LoopbackHttpServer one;
  LoopbackHttpServer two;
  ClusterProxy proxy;
  ProxyClient client;

  @BeforeEach
  void start() {
    one = LoopbackHttpServer.start().always(Reply.json(200, completion("from one")));
    two = LoopbackHttpServer.start().always(Reply.json(200, completion("from two")));
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    one.close();
    two.close();
  }

  private void startProxy() {
    startProxy(null);
  }

  private void startProxy(String statusNamespace) {
    // The proxy closes its client; the mock's own client stays with the test.
    KubernetesClient own = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
        .withConfig(kube.getConfiguration()).build();
    proxy = ClusterProxy.start(new ProxyOptions("127.0.0.1", 0, 64 * 1024),
        new ConfigMapRef(NS, "router-config"), secrets, own, statusNamespace);
    client = new ProxyClient(proxy.port());
  }

  private RouterConfig servedBy(LoopbackHttpServer server, String version) {
    return ConfigBuilder.create().version(version).account("acct", server.baseUrl())
        .model("chat", m -> m.target("acct", "m")).build();
  }

  private void publish(String json) {
    ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName("router-config")
        .withNamespace(NS).endMetadata().withData(Map.of(ClusterLayout.CONFIG_KEY, json)).build();
    kube.resource(configMap).createOr(existing -> existing.update());
  }

  /** As the operator publishes it: compressed in binaryData, the version beside it. */
  private void publishCompressed(RouterConfig config) {
    ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName("router-config")
        .withNamespace(NS).endMetadata().withData(Map.of(ClusterLayout.VERSION_KEY, config.version()))
        .withBinaryData(PublishedConfig.binaryData(PublishedConfig.compress(config))).build();
    kube.resource(configMap).createOr(existing -> existing.update());
  }

  @Test
  void readsTheCompressedFormTheOperatorPublishesAndTheEarlierPlainOne() throws Exception {
    publishCompressed(servedBy(one, "v-one"));
    startProxy();
    await().atMost(Duration.ofSeconds(10)).until(() -> "v-one".equals(proxy.configVersion()));
    assertThat(client.chat(chatBody("chat")).body()).contains("from one");

    publish(ConfigJson.write(servedBy(two, "v-two")));

    await().atMost(Duration.ofSeconds(5)).until(() -> "v-two".equals(proxy.configVersion()));
  }

  @Test
  void notReadyUntilTheConfigMapExistsThenServesIt() throws Exception {
    startProxy();
    assertThat(client.get("/readyz").statusCode()).isEqualTo(503);

    publish(ConfigJson.write(servedBy(one, "v-one")));

    await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/readyz").statusCode() == 200);
    assertThat(client.get("/readyz").body()).contains("v-one");
    assertThat(client.chat(chatBody("chat")).body()).contains("from one");
  }

  @Test
  void swapsToAnEditedConfigMapWithinSeconds() throws Exception {
    publish(ConfigJson.write(servedBy(one, "v-one")));
    startProxy();
    await().atMost(Duration.ofSeconds(10)).until(() -> "v-one".equals(proxy.configVersion()));

    publish(ConfigJson.write(servedBy(two, "v-two")));

    // A watch event: milliseconds here, but a loaded machine can delay the event and the swap by seconds.
    await().atMost(Duration.ofSeconds(10)).until(() -> "v-two".equals(proxy.configVersion()));
    assertThat(client.chat(chatBody("chat")).body()).contains("from two");
  }

  @Test
  void aBrokenConfigMapKeepsTheLastGoodConfig() throws Exception {
    publish(ConfigJson.write(servedBy(one, "v-one")));
    startProxy();
    await().atMost(Duration.ofSeconds(10)).until(() -> "v-one".equals(proxy.configVersion()));

    publish("{not json");
    publish(ConfigJson.write(servedBy(two, "v-two")));

    // The good edit after the broken one lands; the broken one in between never replaced v-one.
    await().atMost(Duration.ofSeconds(5)).until(() -> "v-two".equals(proxy.configVersion()));
    assertThat(client.chat(chatBody("chat")).body()).contains("from two");
  }
}
