package dev.spillway.proxy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.VideoClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/video as its README runs it: seedance-2.0-i2v is dying, the caller's wan-2.7 takes over
 * under the job id the client holds, and without caller fallbacks the policy's veo-3 does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoSampleTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The README's request body. */
  private static final String BODY =
      "{\"model\":\"seedance-2.0-i2v\",\"prompt\":\"a paper boat on a stormy sea\",\"seconds\":\"4\",\"size\":\"320x180\"}";
  private StandaloneProxy proxy;
  private VideoClient videos;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    proxy = StandaloneProxy.start(new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY),
        Samples.copy("video", dir), Map.of());
    videos = new VideoClient(new ProxyClient(proxy.port()));
  }

  @AfterAll
  void stop() {
    proxy.close();
  }

  @Test
  void theCallersFallbackTakesOverUnderTheSameJobId() throws Exception {
    HttpResponse<String> created = videos.create(BODY, Map.of("x-spillway-fallbacks", "wan-2.7"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(created.headers().firstValue("x-spillway-caller-fallbacks")).hasValue("wan-2.7 (fallback)");
    String id = MAPPER.readTree(created.body()).path("id").asText();

    JsonNode job = videos.finished(id);

    assertThat(job.path("id").asText()).isEqualTo(id);
    assertThat(job.path("status").asText()).isEqualTo("completed");
    assertThat(job.at("/spillway/served_by").asText()).isEqualTo("sim-wan/wan2.7-i2v");
    assertThat(job.at("/spillway/attempts/0/target").asText()).isEqualTo("sim-seedance/seedance-2-0-i2v");
    assertThat(job.at("/spillway/attempts/0/outcome").asText()).isEqualTo("failed");
    HttpResponse<byte[]> content = videos.content(id);
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(new String(content.body(), 4, 4)).isEqualTo("ftyp");
  }

  @Test
  void withoutCallerFallbacksThePolicysVeo3Serves() throws Exception {
    JsonNode job = videos.finished(videos.accepted(BODY));

    assertThat(job.at("/spillway/served_by").asText()).isEqualTo("sim-veo/veo-3.0-generate-001");
  }

  @Test
  void aFallbackThePolicyDoesNotListIsRefused() throws Exception {
    HttpResponse<String> refused = videos.create(BODY, Map.of("x-spillway-fallbacks", "seedance-2.0-i2v"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("fallback_not_allowed", "allowed: wan-2.7, veo-3");
  }
}
