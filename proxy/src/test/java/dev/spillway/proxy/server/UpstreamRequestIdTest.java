package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static dev.spillway.proxy.testing.ProxyClient.streamBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider's request id reaches the client on plain and streamed calls, from the attempt that served. */
class UpstreamRequestIdTest extends ProxyTestBase {
  static final List<String> STREAM = List.of(
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}",
      "data: [DONE]");

  @BeforeEach
  void config() {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "p").target("backup", "b"))
        .build());
  }

  @Test
  void aStreamCarriesTheServingProvidersRequestId() throws Exception {
    primary.always(Reply.sse(STREAM).header("x-request-id", "req_upstream_stream_1"));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("hi");
    assertThat(response.headers().firstValue("x-request-id")).contains("req_upstream_stream_1");
  }

  @Test
  void afterAFailoverItIsTheServingAttemptsIdNotTheFailedOnes() throws Exception {
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}").header("x-request-id", "req_failed"));
    backup.always(Reply.sse(STREAM).header("request-id", "req_backup_stream"));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).contains("backup/b");
    assertThat(response.headers().firstValue("x-request-id")).contains("req_backup_stream");
  }

  @Test
  void aPlainCallToo() throws Exception {
    primary.always(Reply.json(200, completion("hi")).header("x-request-id", "req_upstream_plain"));

    assertThat(client.chat(chatBody("chat")).headers().firstValue("x-request-id")).contains("req_upstream_plain");
  }

  /** Read from the transport's own header map (no header copy): any case, either provider's name. */
  @Test
  void aPlainCallReadsItWhateverTheHeadersCase() throws Exception {
    primary.always(Reply.json(200, completion("hi")).header("Request-ID", "req_upstream_plain_2"));

    assertThat(client.chat(chatBody("chat")).headers().firstValue("x-request-id")).contains("req_upstream_plain_2");
  }

  @Test
  void withoutOneTheProxyGeneratesOne() throws Exception {
    primary.always(Reply.sse(STREAM));

    assertThat(client.chat(streamBody("chat")).headers().firstValue("x-request-id")).hasValueSatisfying(id ->
        assertThat(id).startsWith("req_"));
  }
}
