package dev.spillway.proxy.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.standalone.StandaloneProxy;
import dev.spillway.proxy.testing.MediaSamples;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.VideoClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The /v1/videos API as OpenAI clients use it: multipart creates, retrieve, list, content, delete, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The backup never starts its jobs: jobs routed there stay running for as long as a test needs. */
  private static final String RESTRICTED = """
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: RoutingPolicy
      metadata:
        name: no-caller-fallbacks
      spec:
        priority: 20
        match:
          models: [third]
        callerFallbacks:
          allow: false
      """;
  private StandaloneProxy proxy;
  private ProxyClient client;
  private VideoClient videos;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    proxy = VideoConfig.start(dir, "", "- kind: stuckQueue", "10s", RESTRICTED);
    client = new ProxyClient(proxy.port());
    videos = new VideoClient(client);
  }

  @AfterAll
  void stop() {
    proxy.close();
  }

  @Test
  void aMultipartCreateWithAnInputImageIsServedLikeTheOpenAiSdkSendsIt() throws Exception {
    String boundary = "----spillway-test";
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : Map.of("model", "primary", "prompt", "the photo comes alive",
        "seconds", "2", "size", "128x96").entrySet()) {
      form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
          + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"input_reference\";"
        + " filename=\"still.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    form.writeBytes(MediaSamples.encode(MediaSamples.blocks(64, 48, 3), "png"));
    form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> created = client.send(HttpRequest.newBuilder(client.uri("/v1/videos"))
        .header("content-type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    JsonNode job = videos.finished(MAPPER.readTree(created.body()).path("id").asText());
    assertThat(job.path("status").asText()).isEqualTo("completed");
    assertThat(job.path("seconds").asText()).isEqualTo("2");
    assertThat(job.path("size").asText()).isEqualTo("128x96");
    assertThat(job.at("/spillway/served_by").asText()).isEqualTo("sim-a/primary-video");
  }

  @Test
  void aJobIsListedNewestFirstAndItsContentIsRefusedUntilItIsReady() throws Exception {
    String running = videos.accepted(VideoClient.body("backup", "still queued"));
    String done = videos.accepted(VideoClient.body("primary", "listed"));
    videos.finished(done);

    HttpResponse<byte[]> notReady = videos.content(running);
    JsonNode page = MAPPER.readTree(client.get("/v1/videos?limit=1").body());
    JsonNode next = MAPPER.readTree(client.get("/v1/videos?limit=1&after=" + done).body());

    assertThat(notReady.statusCode()).isEqualTo(409);
    assertThat(new String(notReady.body())).contains("video_not_ready", "queued");
    assertThat(page.at("/data/0/id").asText()).isEqualTo(done);
    assertThat(page.path("has_more").asBoolean()).isTrue();
    assertThat(next.at("/data/0/id").asText()).isEqualTo(running);
    assertThat(client.get("/v1/videos?limit=0").statusCode()).isEqualTo(400);
    assertThat(client.get("/v1/videos/" + done + "/content?variant=thumbnail").statusCode()).isEqualTo(400);
  }

  @Test
  void deletingARunningJobStopsItAndForgetsIt() throws Exception {
    String id = videos.accepted(VideoClient.body("backup", "to be deleted"));

    HttpResponse<String> deleted = client.send(HttpRequest.newBuilder(client.uri("/v1/videos/" + id)).DELETE());

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(deleted.body()).path("deleted").asBoolean()).isTrue();
    assertThat(client.get("/v1/videos/" + id).statusCode()).isEqualTo(404);
    assertThat(client.send(HttpRequest.newBuilder(client.uri("/v1/videos/" + id)).DELETE()).statusCode()).isEqualTo(404);
  }

  @Test
  void callerNamedFallbacksComeBeforeThePolicysAndShowInHeadersAndTheJob() throws Exception {
    // The backup never starts its jobs; the caller names the third model, which does.
    HttpResponse<String> created = videos.create("{\"model\":\"backup\",\"prompt\":\"p\",\"seconds\":\"2\","
        + "\"size\":\"96x64\",\"fallbacks\":[\"third\"]}");

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("x-spillway-caller-fallbacks")).hasValue("third (fallback)");
    String id = MAPPER.readTree(created.body()).path("id").asText();
    // backup's job is stuck: after 10 s it would move on; deleting and re-checking is not the point here.
    assertThat(videos.get(id).at("/spillway/attempts/0/target").asText()).isEqualTo("sim-b/backup-video");
  }

  @Test
  void badRequestsAreRefusedWithTheFieldNamed() throws Exception {
    assertThat(error(videos.create("{\"model\":\"primary\"}"))).containsEntry("param", "prompt");
    assertThat(error(videos.create("{\"model\":\"primary\",\"prompt\":\"p\",\"size\":\"big\"}")))
        .containsEntry("param", "size");
    assertThat(error(videos.create("{\"model\":\"primary\",\"prompt\":\"p\",\"seconds\":\"0\"}")))
        .containsEntry("param", "seconds");
    assertThat(error(videos.create("{\"model\":\"primary\",\"prompt\":\"p\",\"input_reference\":\"https://x/y.png\"}")))
        .containsEntry("param", "input_reference");
    assertThat(error(videos.create("{\"model\":\"nope\",\"prompt\":\"p\"}"))).containsEntry("code", "model_not_found");
    assertThat(error(videos.create(VideoClient.body("primary", "p"), Map.of("x-spillway-fallbacks", "nope"))))
        .containsEntry("code", "model_not_found").containsEntry("param", "fallbacks");
    assertThat(error(videos.create(VideoClient.body("third", "p"), Map.of("x-spillway-fallbacks", "backup"))))
        .containsEntry("code", "fallbacks_not_allowed");
  }

  private static Map<String, String> error(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isBetween(400, 404);
    JsonNode error = MAPPER.readTree(response.body()).path("error");
    return Map.of("param", error.path("param").asText(""), "code", error.path("code").asText(""));
  }
}
