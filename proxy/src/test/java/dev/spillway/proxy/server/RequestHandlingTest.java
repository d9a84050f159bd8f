package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.MatchConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHandlingTest extends ProxyTestBase {

  private void loadChat() {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o"))
        .model("cheap", m -> m.target("backup", "mini"))
        .build());
    primary.always(Reply.json(200, completion("primary")));
    backup.always(Reply.json(200, completion("backup")));
  }

  @Test
  void probesAndModelsReflectWhetherAConfigIsLoaded() throws Exception {
    assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(client.get("/readyz").statusCode()).isEqualTo(503);
    assertThat(json(client.get("/v1/models").body()).get("data")).isEmpty();
    assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(503);

    loadChat();

    assertThat(client.get("/readyz").statusCode()).isEqualTo(200);
    JsonNode models = json(client.get("/v1/models").body());
    assertThat(models.get("object").asText()).isEqualTo("list");
    assertThat(models.get("data")).extracting(n -> n.get("id").asText()).containsExactly("chat", "cheap");
    assertThat(models.at("/data/0/owned_by").asText()).isEqualTo("spillway");
    assertThat(models.at("/data/0/object").asText()).isEqualTo("model");
  }

  @Test
  void unknownPathAndWrongMethodAnswerInTheOpenAiShape() throws Exception {
    HttpResponse<String> missing = client.get("/v1/nothing");
    HttpResponse<String> wrongMethod = client.get("/v1/chat/completions");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(json(wrongMethod.body()).at("/error/code").asText()).isEqualTo("method_not_allowed");
  }

  @Test
  void unknownModelIs404() throws Exception {
    loadChat();
    HttpResponse<String> response = client.chat(chatBody("nope"));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void malformedOrInvalidBodiesAre400() throws Exception {
    loadChat();
    HttpResponse<String> malformed = client.chat("{\"model\": \"chat\", ");
    HttpResponse<String> noMessages = client.chat("{\"model\":\"chat\"}");
    HttpResponse<String> wrongType = client.chat("{\"model\":\"chat\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(noMessages.statusCode()).isEqualTo(400);
    assertThat(json(noMessages.body()).at("/error/param").asText()).isEqualTo("messages");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(json(wrongType.body()).at("/error/param").asText()).isEqualTo("stream");
    assertThat(primary.requestCount()).isZero();
  }

  @Test
  void bodyOverTheLimitIs413ByLengthAndByStreamedSize() throws Exception {
    loadChat();
    String big = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(70 * 1024) + "\"}]}";

    HttpResponse<String> byLength = client.chat(big);
    HttpResponse<String> chunked =
        client.send(HttpRequest.newBuilder(client.uri("/v1/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));

    assertThat(byLength.statusCode()).isEqualTo(413);
    assertThat(json(byLength.body()).at("/error/code").asText()).isEqualTo("request_too_large");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(primary.requestCount()).isZero();
  }

  @Test
  void requestNeedingACapabilityNoTargetHasIs400NamingIt() throws Exception {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o", CapabilitySet.DEFAULTS))
        .build());
    String withTools = "{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}";

    HttpResponse<String> response = client.chat(withTools);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("capability_not_supported");
    assertThat(error.get("message").asText()).contains("tools").contains("'chat'");
    assertThat(primary.requestCount()).isZero();
  }

  @Test
  void policiesMatchByStepHeaderBodyPurposeModelAndPriority() throws Exception {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o"))
        .model("cheap", m -> m.target("backup", "mini"))
        .policy(ConfigBuilder.policy("planning", 50, new MatchConfig(List.of("plan"), null, null, null, null), List.of("cheap"), null))
        .policy(ConfigBuilder.policy("summaries", 40, new MatchConfig(null, List.of("summarize"), null, null, null), List.of("cheap"), null))
        .policy(ConfigBuilder.policy("chat-low", 10, new MatchConfig(null, null, List.of("chat"), null, null), List.of(), null))
        .policy(ConfigBuilder.policy("chat-high", 20, new MatchConfig(null, null, List.of("chat"), Map.of("x-team", "search"), null), List.of("cheap"), null))
        .build());
    primary.always(Reply.json(200, completion("primary")));
    backup.always(Reply.json(200, completion("backup")));

    HttpResponse<String> byStep = client.chat(chatBody("chat"), Map.of("x-spillway-step", "plan"));
    HttpResponse<String> byPurpose = client.chat(
        "{\"model\":\"chat\",\"metadata\":{\"purpose\":\"summarize\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    String purposeUpstream = backup.lastRequest().body();
    HttpResponse<String> byModel = client.chat(chatBody("chat"));
    HttpResponse<String> byPriority = client.chat(chatBody("chat"), Map.of("x-team", "search"));

    assertThat(byStep.headers().firstValue("x-spillway-policy")).hasValue("planning");
    assertThat(byStep.headers().firstValue("x-spillway-served-by")).hasValue("backup/mini");
    assertThat(byPurpose.headers().firstValue("x-spillway-policy")).hasValue("summaries");
    assertThat(json(purposeUpstream).has("metadata")).isFalse();
    assertThat(byModel.headers().firstValue("x-spillway-policy")).hasValue("chat-low");
    assertThat(byModel.headers().firstValue("x-spillway-served-by")).hasValue("primary/gpt-4o");
    assertThat(byPriority.headers().firstValue("x-spillway-policy")).hasValue("chat-high");
  }
}
