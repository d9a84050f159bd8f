package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.ConsumerKey;
import dev.spillway.api.v1alpha1.ConsumerSpec;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.config.ClientKeyDigest;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.PublishedConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.SecretScope;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.operator.testing.OperatorHarness;
import dev.spillway.operator.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Consumer's keys reach the published config as digests only, and a rotated key republishes it. */
class ConsumerPublishTest {
  private static final String NS = "team";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String KEY = "sk-team-a-0123456789abcdefCANARY";
  private static final String ROTATED = "sk-team-a-9876543210zyxwvuROTATED";

  MockCluster cluster;
  KubernetesClient client;
  OperatorHarness operator;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    client = cluster.client();
    cluster.namespace(NS);
    cluster.applyFolder(RepoPaths.samples().resolve("quickstart"), NS);
    cluster.secret(NS, "team-a-keys", Map.of("current", KEY));
    Consumer consumer = new Consumer();
    consumer.getMetadata().setName("team-a");
    consumer.getMetadata().setNamespace(NS);
    consumer.setSpec(new ConsumerSpec());
    consumer.getSpec().keys = List.of(new ConsumerKey(new SecretKeyRef("team-a-keys", "current"), null));
    client.resource(consumer).create();
    operator = new OperatorHarness(cluster, 1, Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
  }

  /** The published config's JSON, decompressed from the ConfigMap, or null before it is published. */
  private String published() {
    ConfigMap configMap = client.configMaps().inNamespace(NS).withName("edge-config").get();
    return configMap == null ? null
        : ConfigJson.write(PublishedConfig.read(configMap.getData(), configMap.getBinaryData()));
  }

  private static String digest(RouterConfig config, String key) {
    return ClientKeyDigest.hex(HexFormat.of().parseHex(config.clientAuth().keySalt()), key);
  }

  @Test
  void theConfigMapHoldsOnlyDigestsAndARotatedKeyIsRepublished() {
    cluster.router(NS, "edge");

    await().atMost(WAIT).until(() -> published() != null && published().contains("team-a"));
    String json = published();
    RouterConfig config = ConfigJson.read(json);
    assertThat(json).doesNotContain(KEY).doesNotContain("CANARY");
    assertThat(config.clientAuth().consumers().get("team-a").keys()).singleElement()
        .satisfies(key -> assertThat(key.digest()).isEqualTo(digest(config, KEY)));

    // Replaced whole, as `kubectl apply` of a new manifest does: the label goes with it.
    client.resource(new SecretBuilder().withNewMetadata().withName("team-a-keys").withNamespace(NS)
        .withLabels(Map.of(SecretScope.LABEL, "true")).endMetadata()
        .withStringData(Map.of("current", ROTATED)).build()).update();

    await().atMost(WAIT).until(() -> published().contains(digest(config, ROTATED)));
    assertThat(published()).doesNotContain(ROTATED).doesNotContain(digest(config, KEY));
    await().atMost(WAIT).untilAsserted(() -> {
      Consumer consumer = client.resources(Consumer.class).inNamespace(NS).withName("team-a").get();
      assertThat(consumer.getStatus()).isNotNull();
      assertThat(consumer.getStatus().activeKeys).isEqualTo(1);
      assertThat(consumer.getStatus().conditions).anySatisfy(condition -> {
        assertThat(condition.getType()).isEqualTo("Programmed");
        assertThat(condition.getStatus()).isEqualTo("True");
      });
    });
  }
}
