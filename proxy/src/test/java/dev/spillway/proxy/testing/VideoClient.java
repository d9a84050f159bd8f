package dev.spillway.proxy.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Drives {@code /v1/videos} of a proxy under test the way a client does: create, then poll one id. */
public final class VideoClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ProxyClient client;

  public VideoClient(ProxyClient client) {
    this.client = client;
  }

  public HttpResponse<String> create(String json) throws Exception {
    return create(json, Map.of());
  }

  public HttpResponse<String> create(String json, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(client.uri("/v1/videos"))
        .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return client.send(request);
  }

  /** Creates a job that must be accepted, and answers its id. */
  public String accepted(String json) throws Exception {
    return accepted(json, Map.of());
  }

  public String accepted(String json, Map<String, String> headers) throws Exception {
    HttpResponse<String> response = create(json, headers);
    if (response.statusCode() != 200) {
      throw new AssertionError("create answered " + response.statusCode() + ": " + response.body());
    }
    return MAPPER.readTree(response.body()).path("id").asText();
  }

  public JsonNode get(String id) throws Exception {
    return get(id, Map.of());
  }

  public JsonNode get(String id, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(client.uri("/v1/videos/" + id)).GET();
    headers.forEach(request::header);
    return MAPPER.readTree(client.send(request).body());
  }

  /** Polls the job until it is completed or failed, as a client would. */
  public JsonNode finished(String id) {
    return finished(id, Map.of());
  }

  /** The same, as the caller with these headers (its key) polls it. */
  public JsonNode finished(String id, Map<String, String> headers) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> get(id, headers), job -> job.path("status").asText().matches("completed|failed"));
  }

  public HttpResponse<byte[]> content(String id) throws Exception {
    return client.http().send(HttpRequest.newBuilder(client.uri("/v1/videos/" + id + "/content")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  public static String body(String model, String prompt) {
    return "{\"model\":\"" + model + "\",\"prompt\":\"" + prompt + "\",\"size\":\"160x96\",\"seconds\":\"4\"}";
  }
}
