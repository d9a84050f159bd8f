package dev.spillway.proxy.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.standalone.StandaloneProxy;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.VideoClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Video jobs fail over as jobs: late failures, stuck queues and bad clips send the job to the next
 * candidate, and the client polls the one id it was given throughout.
 */
class VideoFailoverTest {
  @TempDir
  Path dir;
  private StandaloneProxy proxy;
  private VideoClient videos;

  private void start(String primaryFaults, String firstProgress) throws Exception {
    proxy = VideoConfig.start(dir, primaryFaults, firstProgress, "");
    videos = new VideoClient(new ProxyClient(proxy.port()));
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void aJobFailedAfterAcceptIsFinishedByTheBackupUnderTheSameId() throws Exception {
    start("- kind: failAfterAccept", "10s");

    HttpResponse<String> created = videos.create(VideoClient.body("primary", "a fox in the snow"));
    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode accepted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body());
    String id = accepted.path("id").asText();
    assertThat(id).startsWith("video_");
    assertThat(accepted.path("object").asText()).isEqualTo("video");
    assertThat(accepted.at("/spillway/attempts/0/upstream_id").asText()).startsWith("video_sim_sim-a_");

    JsonNode job = videos.finished(id);

    assertThat(job.path("id").asText()).isEqualTo(id);
    assertThat(job.path("status").asText()).isEqualTo("completed");
    assertThat(job.path("progress").asInt()).isEqualTo(100);
    assertThat(job.at("/spillway/served_by").asText()).isEqualTo("sim-b/backup-video");
    assertThat(job.at("/spillway/attempts/0/outcome").asText()).isEqualTo("failed");
    assertThat(job.at("/spillway/attempts/0/reason").asText()).contains("job failed after accept");
    assertThat(job.at("/spillway/attempts/1/upstream_id").asText()).startsWith("video_sim_sim-b_");
    assertThat(job.at("/spillway/fallback_reasons/0").asText()).startsWith("sim-a/primary-video: ");
    HttpResponse<byte[]> content = videos.content(id);
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.headers().firstValue("content-type")).hasValue("video/mp4");
    assertThat(content.headers().firstValue("x-spillway-served-by")).hasValue("sim-b/backup-video");
    assertThat(new String(content.body(), 4, 4)).isEqualTo("ftyp");
  }

  @Test
  void aJobStuckInTheQueueIsResubmittedAfterTheFirstProgressDeadline() throws Exception {
    start("- kind: stuckQueue", "400ms");

    String id = videos.accepted(VideoClient.body("primary", "a lighthouse at dusk"));
    JsonNode job = videos.finished(id);

    assertThat(job.path("status").asText()).isEqualTo("completed");
    assertThat(job.at("/spillway/served_by").asText()).isEqualTo("sim-b/backup-video");
    assertThat(job.at("/spillway/attempts/0/reason").asText())
        .startsWith("no progress after").endsWith("(spec.jobs.firstProgress)");
  }

  @ParameterizedTest
  @CsvSource({
      "blackVideo, quality: black frames",
      "shortVideo, 'quality: clip lasts 2.0 s, requested 4 s'"})
  void aBadClipFailsItsChecksAndTheJobFailsOver(String fault, String reason) throws Exception {
    start("- kind: " + fault, "10s");

    JsonNode job = videos.finished(videos.accepted(VideoClient.body("primary", "a red kite over hills")));

    assertThat(job.path("status").asText()).isEqualTo("completed");
    assertThat(job.at("/spillway/served_by").asText()).isEqualTo("sim-b/backup-video");
    assertThat(job.at("/spillway/attempts/0/reason").asText()).isEqualTo(reason);
  }

  @Test
  void theSameClipForADifferentPromptFailsItsCheckAndTheJobFailsOver() throws Exception {
    start("- kind: sameVideo", "10s");

    JsonNode first = videos.finished(videos.accepted(VideoClient.body("primary", "waves on a beach")));
    JsonNode second = videos.finished(videos.accepted(VideoClient.body("primary", "a city at night")));

    assertThat(first.at("/spillway/served_by").asText()).as("nothing to compare with yet").isEqualTo("sim-a/primary-video");
    assertThat(second.at("/spillway/served_by").asText()).isEqualTo("sim-b/backup-video");
    assertThat(second.at("/spillway/attempts/0/reason").asText()).isEqualTo("quality: same clip as for a different prompt");
  }

  @Test
  void aJobEveryCandidateRefusesIsAnswered503WithTheReasonsAndIsNotKept() throws Exception {
    proxy = VideoConfig.start(dir, "- kind: error\n  status: 503", "- kind: error\n  status: 502", "10s", "");
    videos = new VideoClient(new ProxyClient(proxy.port()));

    HttpResponse<String> refused = videos.create(VideoClient.body("primary", "a quiet forest"));

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("sim-a/primary-video", "sim-b/backup-video");
    assertThat(refused.headers().firstValue("x-spillway-attempts")).hasValue("2");
    assertThat(refused.headers().firstValue("x-spillway-policy")).hasValue("video");
    assertThat(new ProxyClient(proxy.port()).get("/v1/videos").body()).contains("\"data\":[]");
  }
}
