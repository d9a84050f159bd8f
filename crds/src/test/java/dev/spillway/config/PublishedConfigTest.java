package dev.spillway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.compiler.TestResources;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ConfigMap encoding: compressed, read back the same, plain form still read, garbage refused. */
class PublishedConfigTest {
  final RouterConfig config = TestResources.valid().compile().config();

  @Test
  void theCompressedFormReadsBackAsTheSameConfigAndIsStable() {
    byte[] compressed = PublishedConfig.compress(config);

    assertThat(PublishedConfig.read(Map.of(), PublishedConfig.binaryData(compressed))).isEqualTo(config);
    assertThat(PublishedConfig.compress(config)).as("same config, same bytes: no spurious updates")
        .isEqualTo(compressed);
    assertThat(PublishedConfig.encodedSize(compressed))
        .isEqualTo(PublishedConfig.binaryData(compressed).get(ClusterLayout.CONFIG_GZ_KEY).length());
  }

  @Test
  void thePlainFormOfEarlierOperatorsIsStillRead() {
    assertThat(PublishedConfig.read(Map.of(ClusterLayout.CONFIG_KEY, ConfigJson.write(config)), null))
        .isEqualTo(config);
    assertThat(PublishedConfig.read(Map.of(), Map.of())).isNull();
  }

  @Test
  void somethingThatIsNotACompressedConfigIsRefusedWithItsKeyNamed() {
    assertThatThrownBy(() -> PublishedConfig.read(null, Map.of(ClusterLayout.CONFIG_GZ_KEY, "not base64!")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config.json.gz is not base64");
    String notGzip = Base64.getEncoder().encodeToString("{}".getBytes());
    assertThatThrownBy(() -> PublishedConfig.read(null, Map.of(ClusterLayout.CONFIG_GZ_KEY, notGzip)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config.json.gz is not gzip data");
  }
}
