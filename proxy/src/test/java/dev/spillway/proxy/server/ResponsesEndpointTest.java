package dev.spillway.proxy.server;

import static dev.spillway.proxy.server.MessagesEndpointTest.chunk;
import static dev.spillway.proxy.server.MessagesEndpointTest.eventData;
import static dev.spillway.proxy.server.MessagesEndpointTest.eventNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/responses} in front of OpenAI-wire upstreams: translation both ways, typed events, failover. */
class ResponsesEndpointTest extends ProxyTestBase {

  @BeforeEach
  void config() {
    CapabilitySet all = new CapabilitySet(true, true, true, true, true, 128_000);
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .account("backup", backup.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.capabilities(all).target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .build());
  }

  HttpResponse<String> responses(String body) throws Exception {
    return client.send(HttpRequest.newBuilder(client.uri("/v1/responses"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void plainCallIsTranslatedBothWays() throws Exception {
    primary.always(Reply.json(200, """
        {"id":"chatcmpl-9","object":"chat.completion","created":7,"model":"gpt-4o",
         "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"{\\"city\\":\\"Paris\\"}"}}],
         "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39,"prompt_tokens_details":{"cached_tokens":20}}}
        """));

    HttpResponse<String> response = responses("""
        {"model":"chat","instructions":"Be brief.","max_output_tokens":64,"metadata":{"purpose":"eval","team":"a"},
         "text":{"format":{"type":"json_schema","name":"place","schema":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}},
         "tools":[{"type":"function","name":"weather","parameters":{"type":"object"}}],
         "input":[{"role":"developer","content":"Use tools."},
           {"role":"user","content":[{"type":"input_text","text":"Weather?"},{"type":"input_image","image_url":"https://x/y.png"}]},
           {"type":"function_call","call_id":"call_1","name":"weather","arguments":"{}"},
           {"type":"function_call_output","call_id":"call_1","output":"18C"}]}
        """);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode sent = json(primary.lastRequest().body());
    assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
    assertThat(sent.at("/messages/1/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/2/content/1/image_url/url").asText()).isEqualTo("https://x/y.png");
    assertThat(sent.at("/messages/3/tool_calls/0/id").asText()).isEqualTo("call_1");
    assertThat(sent.at("/messages/4/role").asText()).isEqualTo("tool");
    assertThat(sent.at("/max_completion_tokens").asInt()).isEqualTo(64);
    assertThat(sent.at("/response_format/json_schema/name").asText()).isEqualTo("place");
    assertThat(sent.at("/tools/0/function/name").asText()).isEqualTo("weather");
    assertThat(sent.at("/metadata/purpose").isMissingNode()).isTrue(); // a routing hint, taken out
    assertThat(sent.at("/metadata/team").asText()).isEqualTo("a");

    JsonNode body = json(response.body());
    assertThat(body.at("/object").asText()).isEqualTo("response");
    assertThat(body.at("/id").asText()).startsWith("resp_");
    assertThat(body.at("/status").asText()).isEqualTo("completed");
    assertThat(body.at("/output/0/type").asText()).isEqualTo("message");
    assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(30);
    assertThat(body.at("/usage/input_tokens_details/cached_tokens").asInt()).isEqualTo(20);
    assertThat(body.at("/metadata/team").asText()).isEqualTo("a");
    assertThat(body.at("/text/format/type").asText()).isEqualTo("json_schema");
  }

  @Test
  void toolCallsBecomeFunctionCallItemsAndLengthIsIncomplete() throws Exception {
    primary.enqueue(Reply.json(200, """
        {"id":"c","created":1,"model":"gpt-4o","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
         "content":null,"tool_calls":[{"id":"call_7","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]}}]}
        """));
    primary.enqueue(Reply.json(200, """
        {"id":"c","created":1,"model":"gpt-4o","choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant","content":"Once upon"}}]}
        """));

    JsonNode call = json(responses("{\"model\":\"chat\",\"input\":\"weather?\",\"tool_choice\":{\"type\":\"function\",\"name\":\"weather\"},"
        + "\"tools\":[{\"type\":\"function\",\"name\":\"weather\",\"parameters\":{\"type\":\"object\"}}]}").body());
    assertThat(json(primary.requests().get(0).body()).at("/tool_choice/function/name").asText()).isEqualTo("weather");
    assertThat(call.at("/output/0/type").asText()).isEqualTo("function_call");
    assertThat(call.at("/output/0/call_id").asText()).isEqualTo("call_7");
    assertThat(call.at("/output/0/arguments").asText()).isEqualTo("{\"city\":\"Oslo\"}");

    JsonNode cut = json(responses("{\"model\":\"chat\",\"input\":\"a story\",\"max_output_tokens\":2}").body());
    assertThat(cut.at("/status").asText()).isEqualTo("incomplete");
    assertThat(cut.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
  }

  @Test
  void streamFailsOverBeforeTheFirstTokenAndSpeaksTypedEvents() throws Exception {
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"busy\"}}"));
    backup.always(Reply.sse(List.of(
        chunk("{\"role\":\"assistant\",\"content\":\"\"}", null), chunk("{\"content\":\"Hel\"}", null),
        chunk("{\"content\":\"lo\"}", null),
        chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}", null),
        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}", null),
        chunk("{}", "\"tool_calls\""),
        "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}",
        "data: [DONE]")));

    HttpResponse<String> response = responses("{\"model\":\"chat\",\"stream\":true,\"input\":\"hi\"}");

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(eventNames(response.body())).containsExactly(
        "response.created", "response.in_progress",
        "response.output_item.added", "response.content_part.added",
        "response.output_text.delta", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.function_call_arguments.done", "response.output_item.done",
        "response.completed");
    List<JsonNode> data = eventData(response.body());
    assertThat(data.get(6).at("/text").asText()).isEqualTo("Hello");
    assertThat(data.get(13).at("/sequence_number").asInt()).isEqualTo(13);
    JsonNode completed = data.get(13).get("response");
    assertThat(completed.at("/status").asText()).isEqualTo("completed");
    assertThat(completed.at("/output/0/id").asText()).isEqualTo(data.get(2).at("/item/id").asText());
    assertThat(completed.at("/output/1/call_id").asText()).isEqualTo("call_1");
    assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(3);
    assertThat(response.body()).doesNotContain("[DONE]");
  }

  @Test
  void streamCutAfterTheFirstTokenEndsFailed() throws Exception {
    // An opening long enough to be released at once (a short one is held a moment, and a cut while
    // it is held fails over unseen).
    primary.always(Reply.sse(List.of(chunk("{\"content\":\"Hello there, this is how the answer starts\"}", null),
        chunk("{\"content\":\"lo\"}", null))).cutAfter(1));

    HttpResponse<String> response = responses("{\"model\":\"chat\",\"stream\":true,\"input\":\"hi\"}");

    assertThat(eventNames(response.body())).endsWith("error", "response.failed").doesNotContain("response.completed");
  }

  @Test
  void statefulFieldsAreRefusedWithAReason() throws Exception {
    HttpResponse<String> previous = responses("{\"model\":\"chat\",\"input\":\"hi\",\"previous_response_id\":\"resp_1\"}");
    assertThat(previous.statusCode()).isEqualTo(400);
    assertThat(json(previous.body()).at("/error/param").asText()).isEqualTo("previous_response_id");
    assertThat(json(previous.body()).at("/error/message").asText()).contains("stores no responses");

    HttpResponse<String> builtIn = responses("{\"model\":\"chat\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}");
    assertThat(builtIn.statusCode()).isEqualTo(400);
    assertThat(json(builtIn.body()).at("/error/message").asText()).contains("web_search");
    assertThat(primary.requestCount()).isZero();
  }
}
