package dev.spillway.proxy.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerAddressTest {
  @Test
  void portFromTheUrlOrTheSchemeDefault() {
    assertThat(ServerAddress.of("http://127.0.0.1:8080/v1")).isEqualTo(new ServerAddress("127.0.0.1", 8080));
    assertThat(ServerAddress.of("https://api.openai.com/v1")).isEqualTo(new ServerAddress("api.openai.com", 443));
    assertThat(ServerAddress.of("http://upstream/v1")).isEqualTo(new ServerAddress("upstream", 80));
  }

  @Test
  void noHostNoAddress() {
    assertThat(ServerAddress.of("file:///tmp/x").host()).isNull();
  }
}
