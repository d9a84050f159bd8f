package dev.spillway.proxy.providers.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.spillway.config.SimulationConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.simulated.CallPlan.Behaviour;
import dev.spillway.proxy.testing.RecordingStreamListener;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated model honours the request as a real one would: n, limits, stop, tools, JSON, formats, types. */
class SimulatedChatFidelityTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String REPLY = "Hello from the simulator, nice to meet you";
  private static final SimulationConfig SIM = new SimulationConfig(0, 0, 0, 0, 503, REPLY, List.of());
  private static final String WEATHER_SCHEMA = """
      {"type":"object","required":["city","unit","days"],"additionalProperties":false,
       "properties":{"city":{"type":"string","minLength":2},"unit":{"enum":["celsius","fahrenheit"]},
         "days":{"type":"integer","minimum":3,"maximum":7},"when":{"type":"string","format":"date-time"},
         "tags":{"type":"array","items":{"$ref":"#/$defs/tag"},"minItems":2},
         "note":{"anyOf":[{"type":"null"},{"type":"string"}]},"ok":{"type":["boolean","null"]}},
       "$defs":{"tag":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}""";

  private static ObjectNode request(String json) throws Exception {
    return (ObjectNode) MAPPER.readTree(json);
  }

  private static List<String> violations(String schema, JsonNode value) throws Exception {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(MAPPER.readTree(schema)).validate(value).stream().map(Object::toString).toList();
  }

  @Test
  void nChoicesEachWithTheReply() throws Exception {
    List<SimulatedChat.Choice> choices = SimulatedChat.answer(Behaviour.ANSWER, SIM,
        request("{\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "call_1");
    assertThat(choices).hasSize(3).allSatisfy(choice -> assertThat(choice.text()).isEqualTo(REPLY));
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength() throws Exception {
    SimulatedChat.Choice cut = SimulatedChat.answer(Behaviour.ANSWER, SIM,
        request("{\"max_completion_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "c").get(0);
    assertThat(cut.text()).isEqualTo(REPLY.substring(0, 8));
    assertThat(cut.finishReason()).isEqualTo("length");

    SimulatedChat.Choice roomy = SimulatedChat.answer(Behaviour.ANSWER, SIM,
        request("{\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "c").get(0);
    assertThat(roomy.finishReason()).isEqualTo("stop");
  }

  @Test
  void stopSequencesEndTheAnswerBeforeThem() throws Exception {
    SimulatedChat.Choice stopped = SimulatedChat.answer(Behaviour.ANSWER, SIM,
        request("{\"stop\":[\"zzz\",\"nice\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), "c").get(0);
    assertThat(stopped.text()).isEqualTo("Hello from the simulator, ");
    assertThat(stopped.finishReason()).isEqualTo("stop");
  }

  @Test
  void requiredToolChoiceCallsAToolWithSchemaValidArguments() throws Exception {
    ObjectNode request = request("{\"tool_choice\":\"required\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"parameters\":" + WEATHER_SCHEMA + "}}]}");
    SimulatedChat.Choice choice = SimulatedChat.answer(Behaviour.ANSWER, SIM, request, "call_9").get(0);

    assertThat(choice.call().name()).isEqualTo("weather");
    assertThat(choice.call().id()).isEqualTo("call_9_0");
    assertThat(choice.finishReason()).isEqualTo("tool_calls");
    JsonNode arguments = MAPPER.readTree(choice.call().arguments());
    assertThat(violations(WEATHER_SCHEMA, arguments)).isEmpty();
    assertThat(arguments.get("days").asInt()).isEqualTo(3);
    assertThat(arguments.get("tags")).hasSize(2);
  }

  @Test
  void autoCallsTheMentionedToolAfterAUserTurnAndAnswersAfterAToolResult() throws Exception {
    String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search\",\"parameters\":{\"type\":\"object\"}}},"
        + "{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"parameters\":{\"type\":\"object\"}}}]";
    SimulatedChat.Choice call = SimulatedChat.answer(Behaviour.ANSWER, SIM,
        request("{" + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"What does the weather say?\"}]}"), "c").get(0);
    assertThat(call.call().name()).isEqualTo("weather");

    SimulatedChat.Choice answer = SimulatedChat.answer(Behaviour.ANSWER, SIM, request("{" + tools + ",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"weather?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\","
        + "\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"{}\"}}]},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"sunny\"}]}"), "c").get(0);
    assertThat(answer.call()).isNull();
    assertThat(answer.text()).isEqualTo(REPLY);

    SimulatedChat.Choice forced = SimulatedChat.answer(Behaviour.ANSWER, SIM, request("{" + tools
        + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"search\"}},\"messages\":[{\"role\":\"user\",\"content\":\"weather\"}]}"), "c").get(0);
    assertThat(forced.call().name()).isEqualTo("search");
    assertThat(forced.finishReason()).isEqualTo("stop"); // as OpenAI finishes a forced function call
  }

  @Test
  void jsonSchemaModeAnswersAValueOfTheSchema() throws Exception {
    ObjectNode request = request("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"response_format\":{\"type\":\"json_schema\","
        + "\"json_schema\":{\"name\":\"w\",\"strict\":true,\"schema\":" + WEATHER_SCHEMA + "}}}");
    String text = SimulatedChat.answer(Behaviour.ANSWER, SIM, request, "c").get(0).text();
    assertThat(violations(WEATHER_SCHEMA, MAPPER.readTree(text))).isEmpty();

    String object = SimulatedChat.answer(Behaviour.ANSWER, SIM,
        request("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"response_format\":{\"type\":\"json_object\"}}"), "c").get(0).text();
    assertThat(MAPPER.readTree(object).get("reply").asText()).isEqualTo(REPLY);
  }

  @Test
  void streamedToolCallArgumentsAddUpToTheWholeCall() throws Exception {
    ObjectNode request = request("{\"tool_choice\":\"required\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"weather\",\"parameters\":" + WEATHER_SCHEMA + "}}]}");
    List<SimulatedChat.Choice> choices = SimulatedChat.answer(Behaviour.ANSWER, SIM, request, "call_1");
    RecordingStreamListener listener = new RecordingStreamListener();
    SimulatedBodies bodies = new SimulatedBodies(MAPPER, "chatcmpl-sim-a-1", 1, "m");

    ChatStreamSteps.of(choices, bodies, listener, false, null).forEach(Runnable::run);

    StringBuilder arguments = new StringBuilder();
    listener.chunks.forEach(chunk -> arguments.append(chunk.at("/choices/0/delta/tool_calls/0/function/arguments").asText("")));
    assertThat(arguments.toString()).isEqualTo(choices.get(0).call().arguments());
    assertThat(listener.chunks.get(1).at("/choices/0/delta/tool_calls/0/id").asText()).isEqualTo("call_1_0");
    assertThat(listener.chunks.get(listener.chunks.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(listener.completions).hasValue(1);
  }

  @Test
  void parameterTypesAndRangesAreCheckedLikeTheRealApi() throws Exception {
    JsonNode hot = invalid("{\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(hot.at("/error/param").asText()).isEqualTo("temperature");
    assertThat(hot.at("/error/code").asText()).isEqualTo("invalid_type");
    assertThat(hot.at("/error/message").asText()).contains("expected a decimal, but got a string");
    assertThat(invalid("{\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").at("/error/code").asText())
        .isEqualTo("decimal_out_of_range");
    assertThat(invalid("{\"n\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").at("/error/param").asText()).isEqualTo("n");
    assertThat(invalid("{\"tool_choice\":\"required\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").at("/error/param").asText())
        .isEqualTo("tool_choice");
    assertThat(invalid("{\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").at("/error/param").asText())
        .isEqualTo("stop");
    assertThat(invalid("{\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}").at("/error/param").asText()).isEqualTo("messages[0].role");
  }

  private static JsonNode invalid(String json) throws Exception {
    ObjectNode request = request(json);
    ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> ChatParameters.validate(request));
    assertThat(failure.status()).isEqualTo(400);
    return failure.clientError();
  }

  @Test
  void base64EmbeddingsAreTheFloatVectorAsLittleEndianFloat32() throws Exception {
    SimulatedMedia media = new SimulatedMedia(MAPPER);
    JsonNode floats = media.embeddings(request("{\"input\":\"hello\",\"dimensions\":8}"), "e", false, false, () -> false);
    JsonNode packed = media.embeddings(request("{\"input\":\"hello\",\"dimensions\":8,\"encoding_format\":\"base64\"}"), "e", false, false, () -> false);

    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(packed.at("/data/0/embedding").asText())).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.remaining()).isEqualTo(8 * 4);
    for (int i = 0; i < 8; i++) {
      assertThat(bytes.getFloat()).isEqualTo(floats.at("/data/0/embedding/" + i).floatValue());
    }
    assertThat(catchThrowableOfType(ProviderFailure.class,
        () -> SimulatedMedia.validateEmbeddings(request("{\"input\":\"x\",\"encoding_format\":\"hex\"}"))).status()).isEqualTo(400);
  }

  @Test
  void speechIsTheAskedFormatOrAClear400() throws Exception {
    SimulatedMedia media = new SimulatedMedia(MAPPER);
    assertThat(media.speech(request("{\"input\":\"hi\",\"response_format\":\"pcm\"}"), false, false).contentType()).isEqualTo("audio/pcm");
    byte[] wav = media.speech(request("{\"input\":\"hi\",\"response_format\":\"wav\"}"), false, false).audio();
    assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    ProviderFailure mp3 = catchThrowableOfType(ProviderFailure.class,
        () -> SimulatedMedia.validateSpeech(request("{\"input\":\"hi\",\"response_format\":\"mp3\"}")));
    assertThat(mp3.status()).isEqualTo(400);
    assertThat(mp3.clientError().at("/error/message").asText()).contains("mp3");
  }
}
