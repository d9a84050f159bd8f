package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void removesTheKeyAndItsEchoedEnds() {
    String key = "sk-test-0123456789abcdefghij";
    assertThat(Redaction.scrub("Incorrect API key provided: " + key, key)).doesNotContain(key);
    assertThat(Redaction.scrub("Incorrect API key provided: sk-test-…ghij abcdefghij", key))
        .doesNotContain("cdefghij");
  }
}
