package dev.spillway.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.JobsConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.simulated.ClipEncoder;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.RecordedRequest;
import dev.spillway.proxy.testing.Reply;
import dev.spillway.proxy.testing.VideoClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The video adapters against loopback servers speaking the providers' wire formats: OpenAI's
 * Videos API (Sora, and the openai-compatible shape) and Veo through the Gemini API's long-running
 * operations.
 */
class VideoAdaptersTest extends ProxyTestBase {
  private static final SecretRef KEY = new SecretRef("keys", "primary");
  private static final byte[] CLIP = ClipEncoder.encode("an otter juggling", 96, 64, 2, false);

  private void load() {
    load(new JobsConfig(2_000, 20_000, 20));
  }

  private void load(JobsConfig jobs) {
    PolicyConfig base = ConfigBuilder.policy("video", 1, MatchConfig.ANY, List.of(), null);
    load(ConfigBuilder.create()
        .account("sora", primary.baseUrl())
        .account(new AccountConfig("veo", ProviderKind.GEMINI, backup.baseUrl() + "/v1beta/openai", KEY, null, null,
            false, Map.of(), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null))
        .model("video", m -> m.capabilities(new CapabilitySet(false, false, true, false, false, 1))
            .target("sora", "sora-2").target("veo", "veo-3.0-generate-001"))
        .policy(new PolicyConfig(base.name(), base.priority(), base.match(), base.route(), null, 0, base.timeouts(),
            null, null, null, null, null, null, null, null, jobs, null))
        .build());
  }

  @Test
  void aSoraJobFailedAfterAcceptIsFinishedByVeoThroughItsLongRunningOperation() throws Exception {
    load();
    primary.enqueue(Reply.json(200, "{\"id\":\"video_up1\",\"object\":\"video\",\"status\":\"queued\",\"progress\":0}"))
        .enqueue(Reply.json(200, "{\"id\":\"video_up1\",\"object\":\"video\",\"status\":\"failed\","
            + "\"error\":{\"code\":\"internal_error\",\"message\":\"render farm fell over\"}}"))
        .always(Reply.json(200, "{\"id\":\"video_up1\",\"object\":\"video.deleted\",\"deleted\":true}"));
    String operation = "{\"name\":\"models/veo-3.0-generate-001/operations/op1\",\"done\":true,\"response\":"
        + "{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\"" + backup.baseUrl()
        + "/v1beta/files/f1:download?alt=media\"}}]}}}";
    backup.enqueue(Reply.json(200, "{\"name\":\"models/veo-3.0-generate-001/operations/op1\"}"))
        .enqueue(Reply.json(200, operation))
        .enqueue(Reply.json(200, operation))
        .enqueue(Reply.bytes(200, "video/mp4", CLIP));
    VideoClient videos = new VideoClient(client);

    String id = videos.accepted("{\"model\":\"video\",\"prompt\":\"an otter juggling\",\"seconds\":\"2\",\"size\":\"96x64\","
        + "\"input_reference\":\"data:image/png;base64,iVBORw0KGgo=\"}");
    JsonNode job = videos.finished(id);

    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(job.at("/spillway/served_by").asText()).isEqualTo("veo/veo-3.0-generate-001");
    assertThat(job.at("/spillway/attempts/0/reason").asText()).contains("render farm fell over");
    assertThat(job.at("/spillway/attempts/1/upstream_id").asText()).isEqualTo("models/veo-3.0-generate-001/operations/op1");
    assertThat(videos.content(id).body()).isEqualTo(CLIP);

    List<RecordedRequest> sora = primary.requests();
    assertThat(sora).extracting(r -> r.method() + " " + r.path())
        .startsWith("POST /v1/videos", "GET /v1/videos/video_up1", "DELETE /v1/videos/video_up1");
    assertThat(sora.get(0).header("content-type")).startsWith("multipart/form-data; boundary=");
    assertThat(sora.get(0).body()).contains("name=\"model\"\r\n\r\nsora-2", "name=\"prompt\"\r\n\r\nan otter juggling",
        "name=\"seconds\"\r\n\r\n2", "name=\"input_reference\"; filename=\"input.png\"");

    List<RecordedRequest> veo = backup.requests();
    assertThat(veo).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "POST /v1beta/models/veo-3.0-generate-001:predictLongRunning",
        "GET /v1beta/models/veo-3.0-generate-001/operations/op1",
        "GET /v1beta/models/veo-3.0-generate-001/operations/op1",
        "GET /v1beta/files/f1:download");
    assertThat(veo).allSatisfy(r -> assertThat(r.header("x-goog-api-key")).isEqualTo(SECRETS.get(KEY)));
    JsonNode predict = json(veo.get(0).body());
    assertThat(predict.at("/instances/0/prompt").asText()).isEqualTo("an otter juggling");
    assertThat(predict.at("/instances/0/image/mimeType").asText()).isEqualTo("image/png");
    assertThat(predict.at("/parameters/durationSeconds").asInt()).isEqualTo(2);
    assertThat(predict.at("/parameters/aspectRatio").asText()).isEqualTo("16:9");
  }

  @Test
  void aJobStillInProgressPastTheTotalDeadlineIsResubmittedHavingBeenPolledAtTheInterval() throws Exception {
    load(new JobsConfig(300_000, 800_000, 20));
    primary.enqueue(Reply.json(200, "{\"id\":\"video_slow\",\"status\":\"queued\"}"))
        .always(Reply.json(200, "{\"id\":\"video_slow\",\"status\":\"in_progress\",\"progress\":10}"));
    String operation = "{\"name\":\"models/veo-3.0-generate-001/operations/op3\",\"done\":true,\"response\":"
        + "{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\"" + backup.baseUrl()
        + "/v1beta/files/f3:download?alt=media\"}}]}}}";
    backup.enqueue(Reply.json(200, "{\"name\":\"models/veo-3.0-generate-001/operations/op3\"}"))
        .enqueue(Reply.json(200, operation)).enqueue(Reply.json(200, operation))
        .enqueue(Reply.bytes(200, "video/mp4", CLIP));
    VideoClient videos = new VideoClient(client);

    String id = videos.accepted(
        "{\"model\":\"video\",\"prompt\":\"an otter juggling\",\"seconds\":\"2\",\"size\":\"96x64\"}");
    // Polled every 20 ms (not every 5 s, the default) while the job's clock stands still...
    await().atMost(Duration.ofSeconds(10)).until(() -> primary.requests().stream().filter(r -> r.method().equals("GET")).count() > 5);
    assertThat(videos.get(id).path("status").asText()).isEqualTo("in_progress");
    // ...and resubmitted at the first poll after the total deadline has passed on it.
    clock.advance(Duration.ofSeconds(801));
    JsonNode job = videos.finished(id);

    assertThat(job.at("/spillway/served_by").asText()).as(job.toString()).isEqualTo("veo/veo-3.0-generate-001");
    assertThat(job.at("/spillway/attempts/0/reason").asText()).isEqualTo("not finished after 801 s (spec.jobs.total)");
  }

  @Test
  void aVeoOperationNamingAVideoOnAnotherHostIsNotFetched() throws Exception {
    load();
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"busy\"}}"));
    String elsewhere = "{\"name\":\"models/veo-3.0-generate-001/operations/op2\",\"done\":true,\"response\":"
        + "{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\"http://203.0.113.9/steal\"}}]}}}";
    backup.enqueue(Reply.json(200, "{\"name\":\"models/veo-3.0-generate-001/operations/op2\"}"))
        .always(Reply.json(200, elsewhere));
    VideoClient videos = new VideoClient(client);

    JsonNode job = videos.finished(videos.accepted(VideoClient.body("video", "a kettle")));

    assertThat(job.path("status").asText()).isEqualTo("failed");
    assertThat(job.at("/error/message").asText()).contains("the API's own host");
    assertThat(backup.requests()).noneMatch(r -> r.path().contains("steal"));
  }
}
