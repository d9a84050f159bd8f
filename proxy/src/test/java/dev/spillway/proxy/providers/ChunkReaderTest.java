package dev.spillway.proxy.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

  @Test
  void chunksReadOneAfterAnotherHaveTheirUsageCutAtTheirOwnOffsets() throws IOException {
    // One thread's parser has taken every chunk before: each chunk's offsets count from its own start.
    for (String padding : new String[] {"", " ", "\"model\":\"m\",", "\"id\":\"chatcmpl-a-longer-id\","}) {
      String chunk = "{" + padding + "\"choices\":[],\"usage\":null}";
      String without = "{" + padding + "\"choices\":[]}";
      assertThat(new String(bytes(chunk).withoutUsage().json(), StandardCharsets.UTF_8)).isEqualTo(without);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"choices\":[{\"delta\":{}}",
    "{\"choices\":[{\"delta\":{\"content\":\"cut sho",
    "{\"usage\":{\"prompt_tokens\":1",
    "{\"id\":\"a\"} 12",
    "{\"id\":\"a\"}{}",
    "{\"id\":\"a\"} x",
    "[1,",
    "12"
  })
  void aChunkCutShortOrFollowedByMoreFailsAloneAndTheNextReadsWhole(String bad) throws IOException {
    byte[] badBytes = bad.getBytes(StandardCharsets.UTF_8);
    // Bounded: a fed parser answers "not yet" at the end of a cut chunk, which must end the read, not loop on it.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      if (bad.startsWith("{")) {
        assertThatThrownBy(() -> READER.read(badBytes)).isInstanceOf(IOException.class);
      } else {
        assertThat(READER.read(badBytes)).isEmpty();
      }
    });
    ChatChunk next = bytes("{\"id\":\"b\",\"usage\":null,\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}");
    assertThat(next.facts().id()).isEqualTo("b");
    assertThat(next.facts().carriesOutput()).isTrue();
    assertThat(new String(next.withoutUsage().json(), StandardCharsets.UTF_8))
        .isEqualTo("{\"id\":\"b\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}");
  }

  @Test
  void aThreadKeepsItsParserFromChunkToChunkUpToItsBound() throws IOException {
    ChunkFeed feed = new ChunkFeed(MAPPER);
    byte[] chunk = "{\"id\":\"a\"} ".getBytes(StandardCharsets.UTF_8);
    ChunkFeed.Parser first = readWhole(feed, chunk);
    assertThat(readWhole(feed, chunk)).isSameAs(first); // no parser built per chunk
    for (int i = 2; i < ChunkFeed.CHUNKS_PER_PARSER; i++) {
      readWhole(feed, chunk);
    }
    assertThat(readWhole(feed, chunk)).isNotSameAs(first); // what it kept between chunks is let go
    ChunkFeed.Parser renewed = readWhole(feed, chunk);
    feed.discard();
    assertThat(readWhole(feed, chunk)).isNotSameAs(renewed);
  }

  private static ChunkFeed.Parser readWhole(ChunkFeed feed, byte[] chunk) throws IOException {
    ChunkFeed.Parser parser = feed.feed(chunk);
    while (parser.json.nextToken() != JsonToken.END_OBJECT) {
      assertThat(parser.json.currentToken()).isNotEqualTo(JsonToken.NOT_AVAILABLE);
    }
    parser.end();
    return parser;
  }
}
