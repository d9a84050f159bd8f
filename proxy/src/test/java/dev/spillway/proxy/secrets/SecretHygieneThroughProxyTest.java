package dev.spillway.proxy.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Fuzz;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 4, end to end: an upstream echoes a key — its own account's or another's — in
 * any position and spelling, in an error body or in an answer, on plain, streamed and embeddings
 * calls; the client never receives a trace of any key.
 */
class SecretHygieneThroughProxyTest {

  @Test
  void noKeyTheProcessHoldsReachesAClient() {
    // One proxy per batch of tries: each batch draws new keys for three accounts.
    Fuzz.check(Fuzz.tries(4), this::batch);
  }

  @Test
  void aKeyInAnArrayOrAsAFieldNameOfA400IsMaskedOnPlainStreamedAndEmbeddingsCalls() {
    String key = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    String body = "{\"error\":{\"message\":\"bad key\",\"details\":[\"" + key + "\"],\"" + key + "\":true}}";
    withProxy(List.of(key, "sk-other-account-key-0000000000", "sk-third-account-key-1111111111"), (upstream, client) -> {
      for (Call call : List.of(Call.PLAIN_ERROR, Call.STREAM_ERROR, Call.EMBEDDINGS_ERROR)) {
        upstream.enqueue(Reply.json(400, body));

        HttpResponse<String> response = client.send(call.request(client));

        assertThat(response.statusCode()).as(call.name()).isEqualTo(400);
        assertThat(response.body()).as(call.name()).doesNotContain(key.substring(8, 16)).contains("[redacted]");
      }
    });
  }

  /** What a test does with the proxy: the upstream behind account "a", and a client. */
  private interface Scenario {
    void run(LoopbackHttpServer upstream, ProxyClient client) throws Exception;
  }

  private void batch(Random random) {
    List<String> keys = List.of(SecretEmbedding.key(random), SecretEmbedding.key(random), SecretEmbedding.key(random));
    withProxy(keys, (upstream, client) -> {
      for (int i = 0; i < 40; i++) {
        String key = keys.get(random.nextInt(keys.size()));
        String spelled = SecretEmbedding.spelled(random, key);
        Call call = Fuzz.oneOf(random, Call.values());
        upstream.enqueue(call.reply(random, spelled));

        HttpResponse<String> response = client.send(call.request(client));

        String seen = response.body() + response.headers().map() + ScrubberPropertyTest.decoded(response.body());
        assertThat(SecretEmbedding.leak(seen, keys)).as(call + " echoing " + spelled + ": " + response.body()).isNull();
      }
    });
  }

  /** Three accounts, each with one of the keys; the model routes to account "a" only. */
  private static void withProxy(List<String> keys, Scenario scenario) {
    Map<SecretRef, String> secrets = Map.of(
        new SecretRef("keys", "a"), keys.get(0), new SecretRef("keys", "b"), keys.get(1), new SecretRef("keys", "c"), keys.get(2));
    try (LoopbackHttpServer upstream = LoopbackHttpServer.start();
        LoopbackHttpServer unused = LoopbackHttpServer.start();
        ProxyServer proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 64 * 1024), ref -> Optional.ofNullable(secrets.get(ref)))) {
      proxy.start();
      proxy.configSink().accept(ConfigBuilder.create()
          .account("a", upstream.baseUrl(), TimeoutConfig.DEFAULTS, new SecretRef("keys", "a"))
          .account("b", unused.baseUrl(), TimeoutConfig.DEFAULTS, new SecretRef("keys", "b"))
          .account("c", unused.baseUrl(), TimeoutConfig.DEFAULTS, new SecretRef("keys", "c"))
          .model("chat", m -> m.target("a", "gpt-4o"))
          .build());
      scenario.run(upstream, new ProxyClient(proxy.port()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The calls that carry upstream text to a client, and what the upstream answers to each. */
  private enum Call {
    PLAIN_ERROR, PLAIN_ANSWER, STREAM_ERROR, STREAM_ANSWER, EMBEDDINGS_ERROR;

    Reply reply(Random random, String spelled) {
      return switch (this) {
        case PLAIN_ERROR, STREAM_ERROR, EMBEDDINGS_ERROR -> {
          String body = SecretEmbedding.body(random, spelled);
          yield body.startsWith("{") ? Reply.json(400, body) : Reply.bytes(400, "text/plain", body.getBytes());
        }
        case PLAIN_ANSWER -> Reply.json(200, ProxyClient.completion("your key is " + spelled));
        case STREAM_ANSWER -> Reply.sse(List.of(
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"key "
                + spelled + "\"}}]}",
            "data: [DONE]"));
      };
    }

    HttpRequest.Builder request(ProxyClient client) {
      String path = this == EMBEDDINGS_ERROR ? "/v1/embeddings" : "/v1/chat/completions";
      String body = switch (this) {
        case EMBEDDINGS_ERROR -> "{\"model\":\"chat\",\"input\":\"hello\"}";
        case STREAM_ERROR, STREAM_ANSWER -> ProxyClient.streamBody("chat");
        default -> ProxyClient.chatBody("chat");
      };
      return HttpRequest.newBuilder(client.uri(path)).timeout(Duration.ofSeconds(30))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
  }

}
