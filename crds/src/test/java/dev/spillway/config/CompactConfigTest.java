package dev.spillway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.compiler.TestResources;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The compact published form reads back as exactly the config the canonical JSON gives. */
class CompactConfigTest {

  @Test
  void theCompactFormReadsBackAsTheSameConfig() {
    RouterConfig config = TestResources.valid().compile().config();

    String compact = new String(ConfigJson.writeCompact(config), StandardCharsets.UTF_8);

    assertThat(ConfigJson.read(compact)).isEqualTo(config);
    assertThat(ConfigJson.read(ConfigJson.write(config))).as("the canonical form still reads").isEqualTo(config);
  }

  @Test
  void repeatedCapabilitiesAndPricesAreWrittenOnceAndNullsNotAtAll() {
    TestResources set = TestResources.empty();
    set.account("a", dev.spillway.api.v1alpha1.ProviderKind.SIMULATED, null);
    for (int m = 0; m < 50; m++) {
      set.model("model-" + m, TestResources.target("a", "same-model"));
    }
    RouterConfig config = set.compile().config();

    String canonical = ConfigJson.write(config);
    String compact = new String(ConfigJson.writeCompact(config), StandardCharsets.UTF_8);

    assertThat(compact).doesNotContain(":null").contains("\"$shared\"").contains("{\"$ref\":0}");
    assertThat(compact.length()).as("compact vs canonical").isLessThan(canonical.length() / 2);
    assertThat(ConfigJson.read(compact)).isEqualTo(config);
  }

  @Test
  void aReferenceOutsideTheTableIsAClearError() {
    assertThatThrownBy(() -> ConfigJson.read("{\"models\":{},\"$shared\":[],\"x\":{\"pricing\":{\"$ref\":3}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shared value 3 of 0");
    assertThatThrownBy(() -> ConfigJson.read("[]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
  }
}
