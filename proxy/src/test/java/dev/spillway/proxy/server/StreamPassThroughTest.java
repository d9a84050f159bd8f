package dev.spillway.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-compatible upstream's stream reaches an OpenAI-format client as the upstream's own
 * bytes (spacing, member order and escapes as sent: nothing is parsed into a tree and encoded
 * again), with only the proxy's splices: a key the upstream echoes masked, and the usage the proxy
 * asked for on the client's behalf cut out.
 */
class StreamPassThroughTest {
  private static final String KEY = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LoopbackHttpServer upstream;
  private ProxyServer proxy;
  private ProxyClient client;

  @BeforeEach
  void start() throws Exception {
    upstream = LoopbackHttpServer.start();
    Map<SecretRef, String> secrets = Map.of(new SecretRef("keys", "a"), KEY);
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 64 * 1024), ref -> Optional.ofNullable(secrets.get(ref)));
    proxy.start();
    proxy.configSink().accept(ConfigBuilder.create()
        .account("a", upstream.baseUrl(), TimeoutConfig.DEFAULTS, new SecretRef("keys", "a"))
        .model("chat", m -> m.target("a", "gpt-4o"))
        .build());
    client = new ProxyClient(proxy.port());
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.close();
  }

  private static String chunk(String content) {
    // Spacing, member order and a \\u escape no encoder would write: a re-encoded chunk loses them.
    return "{\"id\":\"c1\", \"object\":\"chat.completion.chunk\",\"choices\":[ {\"index\":0,\"delta\":{\"content\":\""
        + content + "\"}} ],\"x_vendor\":\"\\u00e9t\\u00e9\"}";
  }

  /** The data lines the client received, in order. */
  private static List<String> data(HttpResponse<String> response) {
    List<String> lines = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: ")) {
        lines.add(line.substring(6));
      }
    }
    return lines;
  }

  @Test
  void unchangedChunksReachTheClientAsTheUpstreamsBytes() throws Exception {
    upstream.always(Reply.sse(List.of("data: " + chunk("Hél"), "data: " + chunk("lo 日本"), "data: [DONE]")));

    HttpResponse<String> response = client.chat(ProxyClient.streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(data(response)).containsExactly(chunk("Hél"), chunk("lo 日本"), "[DONE]");
  }

  @Test
  void aChunkWhoseBytesAreNotUtf8IsRelayedWithTheReplacementCharacterNotFailed() throws Exception {
    // "caf" then a Latin-1 é (0xE9, a UTF-8 lead byte with no continuation), then a character cut
    // in half (the first two of the three bytes of 日): a decoder replaces both; the relay must not
    // call the stream malformed for them.
    byte[] head = ("data: " + "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}}]}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + 3 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xE9;
    body[head.length + 1] = (byte) 0xE6;
    body[head.length + 2] = (byte) 0x97;
    System.arraycopy(tail, 0, body, head.length + 3, tail.length);
    upstream.always(Reply.bytes(200, "text/event-stream", body));

    HttpResponse<String> response = client.chat(ProxyClient.streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> data = data(response);
    assertThat(data).hasSize(2).endsWith("[DONE]");
    assertThat(MAPPER.readTree(data.get(0)).at("/choices/0/delta/content").asText()).startsWith("caf\uFFFD").endsWith("\uFFFD");
  }

  @Test
  void aKeyEchoedInAChunkSplitAcrossReadsOrAcrossChunksNeverReachesTheClient() throws Exception {
    // One event whose key arrives a byte a read; then the key halved over two events (each half
    // longer than the scrubber's 8-character pieces).
    String whole = "data: " + chunk("your key is " + KEY) + "\n\n";
    String halves = "data: " + chunk(KEY.substring(0, 20)) + "\n\n" + "data: " + chunk(KEY.substring(20)) + "\n\n";
    byte[] body = (whole + halves + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
    upstream.always(Reply.bytes(200, "text/event-stream", body).drip(Duration.ofMillis(1)));

    HttpResponse<String> response = client.chat(ProxyClient.streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> data = data(response);
    assertThat(data).hasSize(4).endsWith("[DONE]");
    for (int i = 0; i + 8 <= KEY.length(); i++) {
      assertThat(response.body()).doesNotContain(KEY.substring(i, i + 8));
    }
    // A chunk that had a key masked has changed: it may be re-encoded (the scrubber masks a JSON event
    // holding escapes in its decoded tree), so it must equal the masked chunk as JSON, not as bytes.
    assertThat(MAPPER.readTree(data.get(0))).isEqualTo(MAPPER.readTree(chunk("your key is [redacted]")));
    assertThat(MAPPER.readTree(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("[redacted]");
    assertThat(MAPPER.readTree(data.get(2)).at("/choices/0/delta/content").asText()).isEqualTo("[redacted]");
  }

  @Test
  void theUsageTheProxyAskedForIsCutFromTheBytesUnlessTheClientAskedToo() throws Exception {
    // OpenAI, asked for usage, puts "usage":null on every chunk and the counts on a last one.
    String withNull = "{\"id\":\"c1\", \"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}], \"usage\":null}";
    String counts = "{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";
    upstream.always(Reply.sse(List.of("data: " + withNull, "data: " + counts, "data: [DONE]")));

    HttpResponse<String> plain = client.chat(ProxyClient.streamBody("chat"));
    HttpResponse<String> asked = client.chat(
        "{\"model\":\"chat\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(MAPPER.readTree(upstream.lastRequest().body()).at("/stream_options/include_usage").asBoolean()).isTrue();
    assertThat(data(plain)).containsExactly("{\"id\":\"c1\", \"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}", "[DONE]");
    assertThat(data(asked)).containsExactly(withNull, counts, "[DONE]");
  }

  @Test
  void anEventSpreadOverSeveralDataLinesIsWrittenAsSeveralDataLines() throws Exception {
    upstream.always(Reply.sse(List.of(
        "data: {\"id\":\"c1\",\n"
            + "data:  \"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}",
        "data: [DONE]")));

    HttpResponse<String> response = client.chat(ProxyClient.streamBody("chat"));

    assertThat(response.body()).startsWith(
        "data: {\"id\":\"c1\",\ndata:  \"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n");
  }
}
