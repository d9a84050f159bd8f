package dev.spillway.proxy.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.standalone.StandaloneProxy;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.VideoClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video jobs are routed after their request has ended, yet they belong to the consumer who
 * created them: its allowed models, its policy match, its request quota, and its charge when the
 * job ends.
 */
class VideoConsumerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final String TEAM_V = "sk-team-v-0123456789abcdefghijkl";
  static final String TEAM_W = "sk-team-w-0123456789abcdefghijkl";
  static final String CONSUMERS = """
      ---
      apiVersion: v1
      kind: Secret
      metadata:
        name: video-keys
      stringData:
        team-v: %s
        team-w: %s
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: Consumer
      metadata:
        name: team-v
      spec:
        keys:
          - secretRef: {name: video-keys, key: team-v}
        allowedModels: [primary]
        limits: {requestsPerMinute: 2}
      ---
      apiVersion: spillway.dev/v1alpha1
      kind: Consumer
      metadata:
        name: team-w
      spec:
        keys:
          - secretRef: {name: video-keys, key: team-w}
        allowedModels: [third]
      """.formatted(TEAM_V, TEAM_W);

  private StandaloneProxy proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private static String job(String model) {
    return "{\"model\":\"" + model + "\",\"prompt\":\"a lighthouse at dusk\",\"seconds\":\"1\",\"size\":\"64x48\"}";
  }

  private static Map<String, String> bearer(String key) {
    return Map.of("authorization", "Bearer " + key);
  }

  @Test
  void aJobIsAdmittedAndCountedAgainstTheConsumerWhoCreatedIt(@TempDir Path dir) throws Exception {
    proxy = VideoConfig.start(dir, "", "", "10s", CONSUMERS, AuthMode.REQUIRED);
    VideoClient videos = new VideoClient(new ProxyClient(proxy.port()));

    HttpResponse<String> anonymous = videos.create(job("primary"));
    HttpResponse<String> notAllowed = videos.create(job("primary"), bearer(TEAM_W));
    String first = videos.accepted(job("primary"), bearer(TEAM_V));
    String second = videos.accepted(job("primary"), bearer(TEAM_V));
    HttpResponse<String> overLimit = videos.create(job("primary"), bearer(TEAM_V));
    HttpResponse<String> otherTeam = videos.create(job("third"), bearer(TEAM_W));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(notAllowed.statusCode()).as(notAllowed.body()).isEqualTo(403);
    assertThat(MAPPER.readTree(notAllowed.body()).at("/error/code").asText()).isEqualTo("model_not_allowed");
    assertThat(overLimit.statusCode()).as(overLimit.body()).isEqualTo(429);
    assertThat(overLimit.headers().firstValue("retry-after")).isPresent();
    assertThat(otherTeam.statusCode()).as("another consumer's headroom is its own").isEqualTo(200);
    assertThat(videos.finished(first, bearer(TEAM_V)).path("status").asText()).isEqualTo("completed");
    assertThat(videos.finished(second, bearer(TEAM_V)).path("status").asText()).isEqualTo("completed");

    ProxyClient admin = new ProxyClient(proxy.adminPort());
    // Settled as each job ends: two one-second clips at 0.10 USD a second.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(MAPPER.readTree(admin.get("/v1/spillway/stats").body()).at("/consumers/team-v/monthSpentUsd")
            .asDouble()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9)));
    JsonNode stats = MAPPER.readTree(admin.get("/v1/spillway/stats").body());
    assertThat(stats.at("/consumers/team-v/requests").asLong()).isEqualTo(2);
    assertThat(stats.at("/consumers/team-v/throttled").asLong()).isEqualTo(1);
    assertThat(stats.at("/consumers/team-w/requests").asLong()).isEqualTo(1);
  }

  @Test
  void aConsumerSeesListsDownloadsAndDeletesOnlyItsOwnJobs(@TempDir Path dir) throws Exception {
    proxy = VideoConfig.start(dir, "", "", "10s", CONSUMERS, AuthMode.REQUIRED);
    ProxyClient client = new ProxyClient(proxy.port());
    VideoClient videos = new VideoClient(client);
    String mine = videos.accepted(job("primary"), bearer(TEAM_V));
    videos.finished(mine, bearer(TEAM_V));

    JsonNode othersView = videos.get(mine, bearer(TEAM_W));
    HttpResponse<String> othersList = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/videos"))
        .header("authorization", "Bearer " + TEAM_W).GET());
    HttpResponse<String> othersDownload = client.send(java.net.http.HttpRequest.newBuilder(
        client.uri("/v1/videos/" + mine + "/content")).header("authorization", "Bearer " + TEAM_W).GET());
    HttpResponse<String> othersDelete = client.send(java.net.http.HttpRequest.newBuilder(
        client.uri("/v1/videos/" + mine)).header("authorization", "Bearer " + TEAM_W).DELETE());
    HttpResponse<String> ownList = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/videos"))
        .header("authorization", "Bearer " + TEAM_V).GET());

    assertThat(othersView.at("/error/code").asText()).isEqualTo("video_not_found");
    assertThat(MAPPER.readTree(othersList.body()).path("data")).isEmpty();
    assertThat(othersDownload.statusCode()).isEqualTo(404);
    assertThat(othersDelete.statusCode()).isEqualTo(404);
    assertThat(MAPPER.readTree(ownList.body()).path("data")).singleElement()
        .satisfies(job -> assertThat(job.path("id").asText()).isEqualTo(mine));
    assertThat(videos.get(mine, bearer(TEAM_V)).path("status").asText()).as("still there for its owner")
        .isEqualTo("completed");
  }
}
