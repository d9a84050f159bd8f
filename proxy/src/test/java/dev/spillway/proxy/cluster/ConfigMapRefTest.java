package dev.spillway.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigMapRefTest {
  @Test
  void parsesNamespaceSlashName() {
    assertThat(ConfigMapRef.parse("team/router-config")).isEqualTo(new ConfigMapRef("team", "router-config"));
  }

  @Test
  void refusesAnythingElse() {
    for (String bad : new String[] {"router-config", "/x", "x/", "a/b/c", ""}) {
      assertThatThrownBy(() -> ConfigMapRef.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
