package dev.spillway.proxy.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.FailureClassifier;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.testing.AdapterCalls;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.RecordedRequest;
import dev.spillway.proxy.testing.RecordingStreamListener;
import dev.spillway.proxy.testing.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Vertex AI against a loopback server that is both Google's token endpoint (the key's token_uri)
 * and the Vertex API: the service account's JWT grant is checked against its public key.
 */
class VertexAdapterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TOKEN = "{\"access_token\":\"ya29.test-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
  private final LoopbackHttpServer server = LoopbackHttpServer.start();
  private final ServiceAccountKey key = new ServiceAccountKey();

  @AfterEach
  void stop() {
    server.close();
  }

  private AdapterCalls calls(String model) {
    return new AdapterCalls(ProviderKind.VERTEX, server.baseUrl() + "/v1", "us-central1", model, key.json(server.baseUrl() + "/token"));
  }

  @Test
  void geminiOnVertexIsCalledWithTheServiceAccountsTokenAtItsProjectPath() throws Exception {
    server.enqueue(Reply.json(200, TOKEN));
    server.enqueue(Reply.json(200, """
        {"candidates":[{"content":{"role":"model","parts":[{"text":"Hi from Vertex"}]},"finishReason":"STOP"}],
         "usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":3,"totalTokenCount":7}}"""));
    server.enqueue(Reply.json(200, """
        {"candidates":[{"content":{"role":"model","parts":[{"text":"Again"}]},"finishReason":"STOP"}],
         "usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":1,"totalTokenCount":5}}"""));
    try (AdapterCalls calls = calls("gemini-2.5-pro")) {
      VertexAdapter adapter = new VertexAdapter(calls.account, calls.context);
      String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

      Completion first = adapter.complete(calls.call(request)).get(30, TimeUnit.SECONDS);
      Completion second = adapter.complete(calls.call(request)).get(30, TimeUnit.SECONDS);

      List<RecordedRequest> requests = server.requests();
      assertThat(requests).hasSize(3); // one token exchange, then the cached token is reused
      assertValidJwtGrant(requests.get(0));
      RecordedRequest call = requests.get(1);
      assertThat(call.path()).isEqualTo(
          "/v1/projects/acme-prod/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent");
      assertThat(call.header("authorization")).isEqualTo("Bearer ya29.test-token");
      assertThat(requests.get(2).header("authorization")).isEqualTo("Bearer ya29.test-token");
      assertThat(first.body().at("/choices/0/message/content").asText()).isEqualTo("Hi from Vertex");
      assertThat(second.body().at("/choices/0/message/content").asText()).isEqualTo("Again");
    }
  }

  @Test
  void claudeOnVertexUsesRawPredictWithTheVertexVersionAndStreams() throws Exception {
    server.enqueue(Reply.json(200, TOKEN));
    server.enqueue(Reply.sse(List.of(
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Bonjour\"}}",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":3}}",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}")));
    try (AdapterCalls calls = calls("claude-sonnet-4-5@20250929")) {
      VertexAdapter adapter = new VertexAdapter(calls.account, calls.context);
      RecordingStreamListener listener = new RecordingStreamListener();

      adapter.stream(calls.call("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Salut\"}]}"), listener);
      listener.awaitEnd();

      RecordedRequest call = server.requests().get(1);
      assertThat(call.path()).isEqualTo(
          "/v1/projects/acme-prod/locations/us-central1/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict");
      assertThat(call.header("authorization")).isEqualTo("Bearer ya29.test-token");
      assertThat(call.header("x-api-key")).isNull();
      JsonNode body = MAPPER.readTree(call.body());
      assertThat(body.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
      assertThat(body.has("model")).isFalse();
      assertThat(body.path("stream").asBoolean()).isTrue();
      assertThat(listener.completions).hasValue(1);
      assertThat(listener.text()).isEqualTo("Bonjour");
    }
  }

  @Test
  void aRefusedKeyIsAnAuthFailureAndAMalformedOneNeverLeavesTheProxy() throws Exception {
    server.enqueue(Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"));
    String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
    try (AdapterCalls calls = calls("gemini-2.5-pro");
        AdapterCalls broken = new AdapterCalls(ProviderKind.VERTEX, server.baseUrl() + "/v1", "us-central1",
            "gemini-2.5-pro", "{\"type\":\"service_account\",\"private_key\":\"nope-secret-material\"}")) {
      ProviderFailure refused = (ProviderFailure) new VertexAdapter(calls.account, calls.context)
          .complete(calls.call(request)).handle((c, e) -> e).get(30, TimeUnit.SECONDS);
      ProviderFailure malformed = (ProviderFailure) new VertexAdapter(broken.account, broken.context)
          .complete(broken.call(request)).handle((c, e) -> e).get(30, TimeUnit.SECONDS);

      assertThat(FailureClassifier.classify(refused)).isEqualTo(FailureClass.AUTH);
      assertThat(FailureClassifier.classify(malformed)).isEqualTo(FailureClass.AUTH);
      assertThat(malformed.summary()).doesNotContain("nope-secret-material");
      assertThat(server.requestCount()).isEqualTo(1); // only the refused token exchange
    }
  }

  /** The grant is a JWT signed with the service account's key, for the cloud-platform scope. */
  private void assertValidJwtGrant(RecordedRequest token) throws Exception {
    assertThat(token.path()).isEqualTo("/token");
    Map<String, String> form = java.util.Arrays.stream(token.body().split("&"))
        .map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    String[] jwt = form.get("assertion").split("\\.");
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(key.publicKey());
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(claims.path("iss").asText()).isEqualTo("spillway@acme-prod.iam.gserviceaccount.com");
    assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
  }
}
