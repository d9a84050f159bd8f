package dev.spillway.proxy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.LoadedResources;
import dev.spillway.compiler.ResourceYaml;
import dev.spillway.compiler.RolloutCompileResult;
import dev.spillway.compiler.RolloutCompiler;
import dev.spillway.compiler.SecretCatalog;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ProxyClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/spillway/evals: the operator's compiled rollout, run by the proxy with its own config and keys. */
class EvalHandlerTest {
  private ProxyServer proxy;
  private ProxyClient client;
  private RolloutCompileResult rollouts;

  @BeforeEach
  void start() {
    Path sample = Files.isDirectory(Path.of("samples")) ? Path.of("samples", "rollout") : Path.of("..", "samples", "rollout");
    LoadedResources loaded = ResourceYaml.readFolder(sample);
    RouterConfig config = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty())).config();
    rollouts = new RolloutCompiler().compile(loaded.rollouts(), config);
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20), ref -> Optional.empty());
    proxy.start();
    proxy.configSink().accept(config);
    client = new ProxyClient(proxy.port());
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void runsTheCompiledRolloutAndAnswersTheReport() throws Exception {
    HttpResponse<String> answer = post(request("support-worse"));

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode report = Json.MAPPER.readTree(answer.body());
    assertThat(report.path("verdict").path("passed").asBoolean()).isFalse();
    assertThat(report.path("candidate").path("score").asDouble()).isBetween(0.37, 0.372);
    assertThat(report.path("incumbent").path("score").asDouble()).isBetween(0.857, 0.858);
    JsonNode orderJson = report.path("cases").get(1);
    assertThat(orderJson.path("name").asText()).isEqualTo("order-json");
    assertThat(orderJson.path("candidate").path("reason").asText()).isEqualTo("codeFence");
    assertThat(report.path("tags")).isNotEmpty();
    assertThat(client.get("/metrics").body())
        .contains("spillway_rollout_calls_total{kind=\"eval\",outcome=\"ok\",spillway_rollout=\"support-worse\","
            + "spillway_rollout_arm=\"candidate\"} 6.0")
        .contains("spillway_rollout_arm=\"judge\"");
  }

  @Test
  void aMismatchedOrMalformedRequestIsA400NamingTheField() throws Exception {
    ObjectNode mismatched = request("support-worse");
    ((ObjectNode) mismatched.path("evalSet")).put("name", "other");

    HttpResponse<String> answer = post(mismatched);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(answer.body()).path("error").path("param").asText()).isEqualTo("evalSet");
    assertThat(post(Json.MAPPER.createObjectNode()).statusCode()).isEqualTo(400);
  }

  private ObjectNode request(String rollout) {
    ObjectNode body = ConfigJson.mapper().createObjectNode();
    body.set("rollout", ConfigJson.mapper().valueToTree(rollouts.rollout(rollout).orElseThrow()));
    body.set("evalSet", ConfigJson.mapper().valueToTree(rollouts.evalSets().get("support-evals")));
    return body;
  }

  private HttpResponse<String> post(JsonNode body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/v1/spillway/evals"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }
}
