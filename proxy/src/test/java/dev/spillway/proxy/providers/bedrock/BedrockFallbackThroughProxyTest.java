package dev.spillway.proxy.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole path with Bedrock as the primary: served natively, or failed over to the OpenAI wire. */
class BedrockFallbackThroughProxyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecretRef CREDENTIALS = new SecretRef("aws", "credentials");

  private LoopbackHttpServer bedrock;
  private LoopbackHttpServer openAi;
  private ProxyServer proxy;
  private ProxyClient client;

  @BeforeEach
  void start() {
    bedrock = LoopbackHttpServer.start();
    openAi = LoopbackHttpServer.start();
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20),
        ref -> CREDENTIALS.equals(ref) ? Optional.of(BedrockWire.CREDENTIALS) : Optional.empty());
    proxy.start();
    client = new ProxyClient(proxy.port());
    AccountConfig aws = new AccountConfig("aws", ProviderKind.BEDROCK, bedrock.baseUrl(), CREDENTIALS, "eu-west-1",
        null, false, Map.of(), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
    proxy.configSink().accept(ConfigBuilder.create()
        .account(aws)
        .account("openai", openAi.baseUrl())
        .model("chat", m -> m.capabilities(new CapabilitySet(true, true, false, false, false, 200_000))
            .target("aws", BedrockWire.MODEL)
            .target("openai", "gpt-4o"))
        .build());
  }

  @AfterEach
  void stop() {
    proxy.close();
    bedrock.close();
    openAi.close();
  }

  @Test
  void servedNativelyWhenBedrockAnswers() throws Exception {
    bedrock.always(Reply.json(200, BedrockWire.response("end_turn", BedrockWire.usage(4, 2, 0, 0), "{\"text\":\"From Bedrock\"}")));

    HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("aws/" + BedrockWire.MODEL);
    assertThat(MAPPER.readTree(response.body()).at("/choices/0/message/content").asText()).isEqualTo("From Bedrock");
    assertThat(bedrock.lastRequest().header("authorization")).contains("/eu-west-1/bedrock/aws4_request");
  }

  @Test
  void aThrottledStreamFailsOverToTheOpenAiWireInOneCall() throws Exception {
    bedrock.always(Reply.bytes(200, "application/vnd.amazon.eventstream", new BedrockWire()
        .exception("throttlingException", "Too many tokens, please wait before trying again.").bytes()));
    openAi.always(Reply.sse(List.of(
        "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"From OpenAI\"},\"finish_reason\":null}]}",
        "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
        "data: [DONE]")));

    HttpResponse<String> response = client.chat(ProxyClient.streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("openai/gpt-4o");
    assertThat(response.body()).contains("From OpenAI").contains("[DONE]");
    assertThat(bedrock.lastRequest().path()).endsWith("/converse-stream");
  }

  @Test
  void anUnavailableBedrockFailsOverForAPlainCall() throws Exception {
    bedrock.always(Reply.json(503, "{\"message\":\"Bedrock is unable to process your request.\"}")
        .header("x-amzn-ErrorType", "ServiceUnavailableException:http://internal.amazon.com/coral/com.amazon.bedrock/"));
    openAi.always(Reply.json(200, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"From OpenAI\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}"));

    HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValue("aws/" + BedrockWire.MODEL + ": http 503");
  }
}
