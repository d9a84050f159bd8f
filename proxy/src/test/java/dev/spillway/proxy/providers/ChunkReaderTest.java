package dev.spillway.proxy.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkReaderTest {
  /** As the proxy's: trailing tokens fail, which must not trip reading a member from inside the chunk. */
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ChunkReader READER = new ChunkReader(MAPPER);

  private static ChatChunk bytes(String json) throws IOException {
    return READER.read(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  private static ChatChunk tree(String json) throws IOException {
    return READER.of((ObjectNode) MAPPER.readTree(json));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]} | false",
    "{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}                  | false",
    "{\"choices\":[],\"usage\":{\"total_tokens\":3}}                        | false",
    "{\"choices\":[{\"delta\":{\"content\":null}}]}                         | false",
    "{\"choices\":[{\"delta\":{\"tool_calls\":[]}}]}                        | false",
    "{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}                       | true",
    "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0}]}}]}           | true",
    "{\"choices\":[{\"delta\":{\"refusal\":\"no\"}}]}                       | true",
    "{\"choices\":[{\"index\":1,\"delta\":{}},{\"index\":0,\"delta\":{\"content\":\"x\"}}]} | true"
  })
  void realOutputIsToldFromPreambleInBytesAndTreesAlike(String chunk, boolean output) throws IOException {
    assertThat(bytes(chunk).facts().carriesOutput()).isEqualTo(output);
    assertThat(tree(chunk).facts().carriesOutput()).isEqualTo(output);
  }

  @Test
  void anUnchangedChunkIsRelayedAsTheVeryBytesItCameAs() throws IOException {
    byte[] json = "{\"id\":\"c1\", \"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hé\\n\"}}]}"
        .getBytes(StandardCharsets.UTF_8);
    ChatChunk chunk = READER.read(json).orElseThrow();
    assertThat(chunk.json()).isSameAs(json);
    assertThat(chunk.facts().id()).isEqualTo("c1");
    assertThat(chunk.facts().model()).isEqualTo("m");
    assertThat(chunk.facts().firstChoice().content()).isEqualTo("Hé\n");
    assertThat(chunk.withoutUsage()).isSameAs(chunk);
    // A tree asked for (a translating dialect) does not change what is written.
    assertThat(chunk.tree().at("/choices/0/delta/content").asText()).isEqualTo("Hé\n");
    assertThat(chunk.json()).isSameAs(json);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"id\":\"a\",\"usage\":null,\"choices\":[]}         | {\"id\":\"a\",\"choices\":[]}",
    "{\"usage\":null,\"id\":\"a\"}                         | {\"id\":\"a\"}",
    "{\"id\":\"a\", \"choices\":[] ,  \"usage\" : null }  | {\"id\":\"a\", \"choices\":[] }",
    "{ \"usage\":{\"prompt_tokens\":1} }                  | { }",
    "{\"id\":\"a\",\"usage\":{\"prompt_tokens\":{\"x\":[1,{}]}},\"model\":\"m\"} | {\"id\":\"a\",\"model\":\"m\"}"
  })
  void usageIsCutOutOfTheBytesWhereverItStands(String chunk, String without) throws IOException {
    ChatChunk cut = bytes(chunk).withoutUsage();
    assertThat(new String(cut.json(), StandardCharsets.UTF_8)).isEqualTo(without);
    assertThat(cut.facts().hasUsage()).isFalse();
    assertThat(MAPPER.readTree(cut.json())).isEqualTo(MAPPER.readTree(without)); // still JSON
    assertThat(MAPPER.readTree(tree(chunk).withoutUsage().json())).isEqualTo(MAPPER.readTree(without));
  }

  @Test
  void twoUsageMembersAreBothDroppedThroughTheTree() throws IOException {
    ChatChunk cut = bytes("{\"usage\":null,\"id\":\"a\",\"usage\":{\"prompt_tokens\":2}}").withoutUsage();
    assertThat(MAPPER.readTree(cut.json())).isEqualTo(MAPPER.readTree("{\"id\":\"a\"}"));
  }

  @Test
  void usageFinishReasonsAndToolCallPiecesAreRead() throws IOException {
    ChatChunk chunk = bytes("{\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"delta\":{\"tool_calls\":["
        + "{\"index\":1,\"id\":\"t\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}},"
        + "{\"function\":{\"arguments\":\"x\"}}]}}],"
        + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":2}}}");
    ChunkFacts facts = chunk.facts();
    assertThat(facts.usage()).isEqualTo(new Usage(7, 3, 2));
    assertThat(facts.firstChoice().finishReason()).isEqualTo("tool_calls");
    assertThat(facts.firstChoice().toolCalls()).containsExactly(
        new ChunkFacts.ToolCallPiece(1, "f", "{\"a\":1}"), new ChunkFacts.ToolCallPiece(-1, null, "x"));
    assertThat(tree(new String(chunk.json(), StandardCharsets.UTF_8)).facts()).isEqualTo(facts);
  }

  @Test
  void anErrorEventIsFlaggedAndItsTreeIsThereToRead() throws IOException {
    ChatChunk chunk = bytes("{\"error\":{\"message\":\"overloaded\",\"code\":\"server_error\"}}");
    assertThat(chunk.facts().hasError()).isTrue();
    assertThat(chunk.tree().at("/error/message").asText()).isEqualTo("overloaded");
  }

  @Test
  void badJsonIsAnErrorAndAnythingButAnObjectIsNoChunk() throws IOException {
    assertThatThrownBy(() -> bytes("{\"choices\":[}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> bytes("{\"id\":\"a\"} {}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> bytes("{\"id\":\"a\"")).isInstanceOf(IOException.class);
    assertThat(READER.read("[1]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(READER.read("\"x\"".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
