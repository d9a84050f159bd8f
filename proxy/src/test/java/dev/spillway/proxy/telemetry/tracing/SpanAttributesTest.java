package dev.spillway.proxy.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attributes behave as the SDK's: a later value for an equal key replaces, nulls are ignored. */
class SpanAttributesTest {
  @Test
  void anEqualKeyMadeElsewhereReplacesTheValueInPlace() {
    SpanAttributes attributes = new SpanAttributes(2)
        .put(SpanKeys.MODEL, "gpt-4o")
        .put(SpanKeys.TIER, 1L)
        .put(AttributeKey.stringKey("spillway.consumer.attribute.team"), "search")
        .put(AttributeKey.stringKey("spillway.model"), "gpt-4o-mini") // not the same instance, equal
        .put(AttributeKey.stringKey("spillway.consumer.attribute.team"), "ads")
        .put(SpanKeys.POLICY, null);

    assertThat(attributes.size()).isEqualTo(3);
    assertThat(attributes.get(SpanKeys.MODEL)).isEqualTo("gpt-4o-mini");
    assertThat(attributes.get(AttributeKey.stringKey("spillway.consumer.attribute.team"))).isEqualTo("ads");
    assertThat(attributes.get(SpanKeys.POLICY)).isNull();
    assertThat(attributes.asMap().keySet()).extracting(AttributeKey::getKey)
        .containsExactly("spillway.model", "spillway.tier", "spillway.consumer.attribute.team");
  }

  /** A new key whose hash bit is already taken is still compared, and kept as a key of its own. */
  @Test
  void keysSharingAHashBitStayApartAndEqualOnesStillReplace() {
    SpanAttributes attributes = new SpanAttributes(4);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 100; i++) { // 100 keys in 64 bits: many share one
      names.add("key." + i);
      attributes.put(AttributeKey.stringKey("key." + i), "first " + i);
    }
    for (int i = 0; i < 100; i++) {
      attributes.put(AttributeKey.stringKey("key." + i), "second " + i);
    }

    assertThat(attributes.size()).isEqualTo(100);
    assertThat(attributes.asMap().keySet()).extracting(AttributeKey::getKey).containsExactlyElementsOf(names);
    for (int i = 0; i < 100; i++) {
      assertThat(attributes.get(AttributeKey.stringKey("key." + i))).isEqualTo("second " + i);
    }
  }
}
