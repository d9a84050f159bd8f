package dev.spillway.proxy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackHttpServerTest {
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void playsQueuedRepliesThenTheDefaultAndRecordsRequests() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
      server.enqueue(Reply.json(503, "{}").header("retry-after", "2")).always(Reply.json(200, "{\"ok\":true}"));
      HttpResponse<String> first = post(server, "{\"n\":1}");
      HttpResponse<String> second = post(server, "{\"n\":2}");
      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(first.headers().firstValue("retry-after")).hasValue("2");
      assertThat(second.body()).isEqualTo("{\"ok\":true}");
      assertThat(server.requests()).extracting(RecordedRequest::body).containsExactly("{\"n\":1}", "{\"n\":2}");
      assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
    }
  }

  @Test
  void cutStreamEndsWithAnErrorNotACleanClose() throws Exception {
    try (LoopbackHttpServer server = LoopbackHttpServer.start()) {
      server.always(Reply.sse(List.of("data: a", "data: b", "data: c")).cutAfter(1));
      assertThatThrownBy(() -> post(server, "{}")).isInstanceOf(IOException.class);
    }
  }

  private HttpResponse<String> post(LoopbackHttpServer server, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
