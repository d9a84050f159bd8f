package dev.spillway.proxy.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.RecordedRequest;
import dev.spillway.proxy.testing.Reply;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/audio/transcriptions} to OpenAI-wire accounts: the upload goes upstream as multipart again. */
class TranscriptionsUpstreamTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String AUDIO = "RIFF$\u0000\u0000\u0000WAVEfmt spoken words stand-in";

  private LoopbackHttpServer primary;
  private LoopbackHttpServer backup;
  private ProxyServer proxy;
  private ProxyClient client;

  @BeforeEach
  void start() {
    primary = LoopbackHttpServer.start();
    backup = LoopbackHttpServer.start();
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20), ref -> Optional.empty());
    proxy.start();
    client = new ProxyClient(proxy.port());
    proxy.configSink().accept(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("whisper", m -> m.target("primary", "whisper-1").target("backup", "gpt-4o-transcribe"))
        .build());
  }

  @AfterEach
  void stop() {
    proxy.close();
    primary.close();
    backup.close();
  }

  private HttpResponse<String> upload(String responseFormat) throws Exception {
    String boundary = "----sdk-boundary";
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nfr\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + responseFormat
        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hello.wav\"\r\n"
        + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    form.writeBytes(AUDIO.getBytes(StandardCharsets.ISO_8859_1));
    form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return client.send(HttpRequest.newBuilder(client.uri("/v1/audio/transcriptions"))
        .header("content-type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())));
  }

  @Test
  void theUploadIsSentAsMultipartWithTheTargetsModelAndTheAnswerComesBack() throws Exception {
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    backup.always(Reply.json(200, "{\"text\":\"Bonjour tout le monde\"}").header("x-request-id", "req_transcribe"));

    HttpResponse<String> response = upload("json");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(response.body()).path("text").asText()).isEqualTo("Bonjour tout le monde");
    assertThat(response.headers().firstValue("x-spillway-served-by")).contains("backup/gpt-4o-transcribe");
    assertThat(response.headers().firstValue("x-request-id")).contains("req_transcribe");
    RecordedRequest upstream = backup.lastRequest();
    assertThat(upstream.path()).isEqualTo("/v1/audio/transcriptions");
    String contentType = upstream.headers().get("content-type");
    assertThat(contentType).startsWith("multipart/form-data; boundary=");
    String body = upstream.body();
    assertThat(body).contains("name=\"model\"\r\n\r\ngpt-4o-transcribe\r\n")
        .contains("name=\"language\"\r\n\r\nfr\r\n")
        .contains("name=\"file\"; filename=\"hello.wav\"\r\nContent-Type: audio/wav\r\n\r\n" + AUDIO + "\r\n")
        .doesNotContain("file_content_type").doesNotContain("name=\"filename\"");
    assertThat(primary.requestCount()).as("the first target was tried").isEqualTo(1);
  }

  @Test
  void aPlainTextFormatIsRefusedBeforeAnyCall() throws Exception {
    HttpResponse<String> response = upload("srt");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = MAPPER.readTree(response.body()).path("error");
    assertThat(error.path("param").asText()).isEqualTo("response_format");
    assertThat(primary.requestCount() + backup.requestCount()).isZero();
  }
}
