package dev.spillway.proxy.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicStreamTranslatorTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final AnthropicStreamTranslator translator =
      new AnthropicStreamTranslator(
          mapper, new AnthropicResponseTranslator(mapper, Clock.systemUTC()), 1_700_000_000L, true);

  @Test
  void thinkingStreamsAsReasoningWithItsSignatureAndToolIndexesCountOnlyTools() throws Exception {
    List<ObjectNode> chunks = feed(
        AnthropicBodies.messageStart(5),
        AnthropicBodies.event("content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"),
        AnthropicBodies.event("content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Let me think\"}}"),
        AnthropicBodies.event("content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}"),
        AnthropicBodies.blockStop(0),
        AnthropicBodies.toolStart(1, "toolu_9", "search"),
        AnthropicBodies.jsonDelta(1, "{\"q\":\"x\"}"),
        AnthropicBodies.blockStop(1));

    assertThat(chunks).hasSize(5);
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(chunks.get(1).at("/choices/0/delta/reasoning_content").asText()).isEqualTo("Let me think");
    assertThat(chunks.get(1).at("/choices/0/delta/thinking_blocks/0/thinking").asText()).isEqualTo("Let me think");
    assertThat(chunks.get(2).at("/choices/0/delta/thinking_blocks/0/signature").asText()).isEqualTo("EqQB");
    assertThat(chunks.get(1).at("/choices/0/delta/content").isMissingNode()).isTrue();
    assertThat(chunks.get(3).at("/choices/0/delta/tool_calls/0/index").asInt()).isZero();
    assertThat(chunks.get(4).at("/choices/0/delta/tool_calls/0/function/arguments").asText()).isEqualTo("{\"q\":\"x\"}");
  }

  @Test
  void usageMergesStartAndDeltaAndUnknownEventsAreIgnored() throws Exception {
    List<ObjectNode> chunks = feed(
        AnthropicBodies.messageStart(100),
        AnthropicBodies.event("brand_new_event", "{\"type\":\"brand_new_event\"}"),
        AnthropicBodies.messageDelta("max_tokens", 64),
        AnthropicBodies.messageStop());

    assertThat(translator.stopped()).isTrue();
    assertThat(chunks.get(1).at("/choices/0/finish_reason").asText()).isEqualTo("length");
    ObjectNode usage = chunks.get(2);
    assertThat(usage.get("choices")).isEmpty();
    assertThat(mapper.readTree(usage.get("usage").toString())).isEqualTo(mapper.readTree("""
        {"prompt_tokens":103,"completion_tokens":64,"total_tokens":167,"cache_creation_input_tokens":0,"prompt_tokens_details":{"cached_tokens":3}}"""));
    assertThat(usage.get("created").asLong()).isEqualTo(1_700_000_000L);
  }

  /** Feeds wire events ("event: …\ndata: …") and collects the chunks. */
  private List<ObjectNode> feed(String... events) throws Exception {
    List<ObjectNode> chunks = new ArrayList<>();
    for (String event : events) {
      JsonNode data = mapper.readTree(event.substring(event.indexOf("data: ") + "data: ".length()));
      chunks.addAll(translator.onEvent(data.get("type").asText(), data));
    }
    return chunks;
  }
}
