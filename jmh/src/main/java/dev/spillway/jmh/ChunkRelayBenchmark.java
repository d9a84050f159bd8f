package dev.spillway.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.providers.ChatChunk;
import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.ChunkReader;
import dev.spillway.proxy.providers.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The proxy's own work for one relayed stream chunk, from the event's JSON bytes to the bytes for
 * the client, both ways: {@code asBytes} is the relay (one streaming-parser scan for what routing,
 * spend, checks and telemetry read; the bytes passed on), {@code asTree} what it did before (the
 * chunk parsed into a tree that remembers its bytes, read through the tree, written back). Paid
 * for every chunk of every stream; the transport's read and write are not in it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChunkRelayBenchmark {
  /** The bench's mock chunk, and OpenAI's when the proxy asked for usage (a {@code "usage":null} to cut). */
  @Param({"bench", "openai-usage-null"})
  public String shape;

  private static final ChunkReader CHUNKS = new ChunkReader(Json.MAPPER);
  private static final ObjectReading TREES = new ObjectReading(Json.MAPPER);
  private byte[] json;

  @Setup
  public void setUp() {
    String chunk = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Operators watch \"},"
        + "\"finish_reason\":null}]";
    json = (shape.equals("bench") ? chunk + "}" : chunk + ",\"usage\":null}").getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public void asBytes(Blackhole sink) throws IOException {
    ChatChunk chunk = CHUNKS.read(json).orElseThrow();
    ChunkFacts facts = chunk.facts();
    ChunkFacts.Choice first = facts.firstChoice();
    sink.consume(facts.hasError() || "content_filter".equals(first.finishReason()));
    sink.consume(facts.carriesOutput());
    sink.consume(facts.usage());
    sink.consume(facts.choices().isEmpty() ? null : chunk.withoutUsage().json());
  }

  @Benchmark
  public void asTree(Blackhole sink) throws IOException {
    ObjectNode chunk = TREES.read(json).orElseThrow();
    sink.consume(chunk.has("error") || "content_filter".equals(chunk.at("/choices/0/finish_reason").asText()));
    sink.consume(carriesContent(chunk));
    JsonNode usage = chunk.get("usage");
    if (usage != null) {
      sink.consume(Usage.fromOpenAi(usage));
      chunk.remove("usage");
    }
    sink.consume(Json.bytes(chunk));
  }

  /** The tree test the relay used for the first token. */
  private static boolean carriesContent(JsonNode chunk) {
    for (JsonNode choice : chunk.path("choices")) {
      JsonNode delta = choice.path("delta");
      if (delta.path("content").isTextual() && !delta.path("content").asText().isEmpty()
          || delta.path("refusal").isTextual() && !delta.path("refusal").asText().isEmpty()
          || delta.path("tool_calls").isArray() && !delta.path("tool_calls").isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
