package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.MediaSamples.blocks;
import static dev.spillway.proxy.testing.MediaSamples.embeddingsBody;
import static dev.spillway.proxy.testing.MediaSamples.encode;
import static dev.spillway.proxy.testing.MediaSamples.filled;
import static dev.spillway.proxy.testing.MediaSamples.imagesBody;
import static dev.spillway.proxy.testing.MediaSamples.speechWav;
import static dev.spillway.proxy.testing.MediaSamples.wav;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.DefaultsConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The media endpoints: same routing and failover as chat, with each kind of bad output caught. */
class MediaEndpointsTest extends ProxyTestBase {

  private void loadTwo() {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .account("backup", backup.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("media", m -> m.defaults(new DefaultsConfig(0.2, 256, null, List.of("END")))
            .target("primary", "big-model").target("backup", "small-model"))
        .build());
  }

  private HttpResponse<byte[]> post(String path, String body) throws Exception {
    return client.http().send(
        HttpRequest.newBuilder(client.uri(path)).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void aZeroEmbeddingFailsOverAndEachTargetGetsOnlyItsModel() throws Exception {
    loadTwo();
    primary.always(Reply.json(200, embeddingsBody(new double[] {0, 0, 0})));
    backup.always(Reply.json(200, embeddingsBody(new double[] {0.1, 0.2, 0.3})));

    HttpResponse<byte[]> response = post("/v1/embeddings", "{\"model\":\"media\",\"input\":\"hello\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "x-spillway-served-by")).isEqualTo("backup/small-model");
    assertThat(header(response, "x-spillway-fallback-reason")).isEqualTo("primary/big-model: quality: zero embedding vector");
    assertThat(json(new String(response.body())).at("/data/0/embedding/2").asDouble()).isEqualTo(0.3);
    assertThat(primary.lastRequest().path()).isEqualTo("/v1/embeddings");
    JsonNode upstream = json(backup.lastRequest().body());
    assertThat(upstream.get("model").asText()).isEqualTo("small-model");
    assertThat(upstream.has("max_tokens")).as("chat defaults stay out of media calls").isFalse();
    assertThat(upstream.has("temperature")).isFalse();
  }

  @Test
  void aBlackImageFailsOver() throws Exception {
    loadTwo();
    primary.always(Reply.json(200, imagesBody(encode(filled(64, 64, Color.BLACK), "png"))));
    backup.always(Reply.json(200, imagesBody(encode(blocks(64, 64, 9), "png"))));

    HttpResponse<byte[]> response =
        post("/v1/images/generations", "{\"model\":\"media\",\"prompt\":\"a red fox\",\"size\":\"64x64\"}");

    assertThat(header(response, "x-spillway-served-by")).isEqualTo("backup/small-model");
    assertThat(header(response, "x-spillway-fallback-reason")).isEqualTo("primary/big-model: quality: black image");
    assertThat(primary.lastRequest().path()).isEqualTo("/v1/images/generations");
  }

  @Test
  void silentSpeechFailsOverAndTheGoodAudioIsServedAsItCame() throws Exception {
    loadTwo();
    byte[] good = speechWav(2.8, 5);
    primary.always(Reply.bytes(200, "audio/wav", wav(2.8, i -> 0)));
    backup.always(Reply.bytes(200, "audio/wav", good));

    HttpResponse<byte[]> response = post("/v1/audio/speech",
        "{\"model\":\"media\",\"voice\":\"alloy\",\"response_format\":\"wav\",\"input\":\"" + "Hello there, ".repeat(3) + "\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "content-type")).isEqualTo("audio/wav");
    assertThat(header(response, "x-spillway-served-by")).isEqualTo("backup/small-model");
    assertThat(header(response, "x-spillway-fallback-reason")).startsWith("primary/big-model: quality: mostly silence");
    assertThat(response.body()).isEqualTo(good);
    assertThat(primary.lastRequest().path()).isEqualTo("/v1/audio/speech");
  }

  @Test
  void aProviderWithoutTheOperationIsPassedOverWithAReason() throws Exception {
    AccountConfig anthropic = new AccountConfig("claude", ProviderKind.ANTHROPIC, primary.baseUrl(), null, null,
        "2023-06-01", false, Map.of(), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
    load(ConfigBuilder.create()
        .account(anthropic)
        .account("backup", backup.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("media", m -> m.target("claude", "claude-x").target("backup", "small-model"))
        .build());
    backup.always(Reply.json(200, embeddingsBody(new double[] {0.5})));

    HttpResponse<byte[]> response = post("/v1/embeddings", "{\"model\":\"media\",\"input\":[\"a\"]}");

    assertThat(header(response, "x-spillway-served-by")).isEqualTo("backup/small-model");
    assertThat(header(response, "x-spillway-fallback-reason"))
        .isEqualTo("claude/claude-x: embeddings not supported by this provider");
    assertThat(primary.requestCount()).isZero();
  }

  @Test
  void aMediaRequestWithoutItsInputIsRejected() throws Exception {
    loadTwo();

    HttpResponse<byte[]> response = post("/v1/audio/speech", "{\"model\":\"media\",\"voice\":\"alloy\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(new String(response.body())).at("/error/param").asText()).isEqualTo("input");
    assertThat(primary.requestCount()).isZero();
  }
}
