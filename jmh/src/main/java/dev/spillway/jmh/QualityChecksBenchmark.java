package dev.spillway.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.QualityCheck;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.providers.Speech;
import dev.spillway.proxy.quality.AudioChecks;
import dev.spillway.proxy.quality.ChatAnswer;
import dev.spillway.proxy.quality.ChatChecks;
import dev.spillway.proxy.quality.CheckFailure;
import dev.spillway.proxy.quality.DriftMonitor;
import dev.spillway.proxy.quality.EmbeddingChecks;
import dev.spillway.proxy.quality.ImageChecks;
import dev.spillway.proxy.quality.RequestExpectations;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of each per-answer quality check, paid on the call path of every answer a policy checks:
 * chat checks on a typical 600-character answer, media checks on typical outputs, and one drift
 * detector update. Figures go to docs/benchmarks.md, "Quality checks (JMH)".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QualityChecksBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PROSE =
      "The forecast for tomorrow calls for scattered showers in the morning, clearing by early afternoon. "
          + "Temperatures will climb to around 21 degrees, with a light westerly breeze. In the evening, "
          + "skies stay mostly clear and the temperature drops to about 12 degrees overnight. Over the "
          + "weekend a high-pressure system settles in, bringing sunshine and warmer air on Saturday, "
          + "while Sunday may see a few clouds building late in the day. Pollen counts remain moderate, "
          + "and the UV index peaks at 6 around midday, so sunscreen is a good idea if you are outside.";

  private final ChatChecks chat = new ChatChecks(MAPPER);
  private final EmbeddingChecks embeddings = new EmbeddingChecks();
  private final ImageChecks images = new ImageChecks();
  private final AudioChecks audio = new AudioChecks();
  private final DriftMonitor drift = new DriftMonitor();
  private final TargetConfig target =
      new TargetConfig("acct/model", "acct", "model", 1, 1, CapabilitySet.DEFAULTS, PricingConfig.FREE);

  private RequestExpectations plain;
  private RequestExpectations structured;
  private RequestExpectations tools;
  private ChatAnswer prose;
  private ChatAnswer json;
  private ChatAnswer toolCall;
  private JsonNode embeddingBody;
  private JsonNode embeddingRequest;
  private JsonNode imageBody;
  private JsonNode imageRequest;
  private Speech speech;
  private JsonNode speechRequest;

  @Setup
  public void setUp() throws Exception {
    plain = RequestExpectations.of(MAPPER.readTree(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather going to be like tomorrow?\"}]}"));
    structured = RequestExpectations.of(MAPPER.readTree(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather as JSON\"}],\"response_format\":{\"type\":\"json_schema\","
            + "\"json_schema\":{\"name\":\"w\",\"schema\":{\"type\":\"object\",\"properties\":{\"celsius\":{\"type\":\"number\"},"
            + "\"summary\":{\"type\":\"string\"},\"rain\":{\"type\":\"boolean\"}},\"required\":[\"celsius\",\"summary\"]}}}}"));
    tools = RequestExpectations.of(MAPPER.readTree(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"}],\"tools\":[{\"type\":\"function\",\"function\":"
            + "{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"days\":{\"type\":\"integer\"}},\"required\":[\"city\"]}}}]}"));
    prose = new ChatAnswer(PROSE, "stop", null, List.of());
    json = new ChatAnswer("{\"celsius\":21.5,\"summary\":\"showers, then sun\",\"rain\":true}", "stop", null, List.of());
    toolCall = new ChatAnswer("", "tool_calls", null, List.of(new ChatAnswer.ToolCall("lookup", "{\"city\":\"Oslo\",\"days\":3}")));

    embeddingBody = MAPPER.readTree(embeddingsBody(1536));
    embeddingRequest = MAPPER.readTree("{\"model\":\"e\",\"input\":\"hello\"}");
    imageBody = MAPPER.readTree("{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(png(1024)) + "\"}]}");
    imageRequest = MAPPER.readTree("{\"prompt\":\"a lighthouse\",\"size\":\"1024x1024\"}");
    speech = new Speech(wav(5.0), "audio/wav", "wav");
    speechRequest = MAPPER.readTree("{\"voice\":\"alloy\",\"input\":\"" + PROSE.substring(0, 70) + "\"}");
  }

  @Benchmark
  public Optional<CheckFailure> chatEmpty() {
    return chat.failure(prose, plain, Set.of(QualityCheck.EMPTY));
  }

  @Benchmark
  public Optional<CheckFailure> chatRefusal() {
    return chat.failure(prose, plain, Set.of(QualityCheck.REFUSAL));
  }

  @Benchmark
  public Optional<CheckFailure> chatScript() {
    return chat.failure(prose, plain, Set.of(QualityCheck.SCRIPT));
  }

  @Benchmark
  public Optional<CheckFailure> chatRepetition() {
    return chat.failure(prose, plain, Set.of(QualityCheck.REPETITION));
  }

  @Benchmark
  public Optional<CheckFailure> chatJson() {
    return chat.failure(json, structured, Set.of(QualityCheck.JSON));
  }

  @Benchmark
  public Optional<CheckFailure> chatSchema() {
    return chat.failure(json, structured, Set.of(QualityCheck.SCHEMA));
  }

  @Benchmark
  public Optional<CheckFailure> chatToolArguments() {
    return chat.failure(toolCall, tools, Set.of(QualityCheck.TOOL_ARGUMENTS));
  }

  /** Every chat check on a prose answer: what a policy listing them all pays. */
  @Benchmark
  public Optional<CheckFailure> chatAllChecks() {
    return chat.failure(prose, plain, Set.of(QualityCheck.values()));
  }

  @Benchmark
  public Optional<CheckFailure> embedding1536() {
    return embeddings.failure(embeddingBody, embeddingRequest, "acct/model");
  }

  /** Base64 decode, PNG decode and the pixel checks of a 1024x1024 image. */
  @Benchmark
  public Optional<CheckFailure> image1024Png() {
    return images.failure(imageBody, imageRequest, "acct/model");
  }

  /** WAV decode and the audio checks of 5 s of 16 kHz speech. */
  @Benchmark
  public Optional<CheckFailure> audio5sWav() {
    return audio.failure(speech, speechRequest, "acct/model");
  }

  @Benchmark
  public double driftUpdate() {
    drift.record(target, Optional.empty(), 20);
    return drift.driftSigma(target.id());
  }

  private static String embeddingsBody(int dimensions) {
    SplittableRandom random = new SplittableRandom(1);
    StringBuilder body = new StringBuilder("{\"data\":[{\"embedding\":[");
    for (int i = 0; i < dimensions; i++) {
      body.append(i == 0 ? "" : ",").append(random.nextDouble(-0.1, 0.1));
    }
    return body.append("]}]}").toString();
  }

  private static byte[] png(int size) throws Exception {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(2);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        image.setRGB(x, y, ((x / 64) * 16) << 16 | ((y / 64) * 16) << 8 | random.nextInt(32));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] wav(double seconds) throws Exception {
    float rate = 16_000;
    int samples = (int) (rate * seconds);
    ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < samples; i++) {
      double loudness = 0.2 + 0.4 * Math.abs(Math.sin(i / 1_500.0));
      pcm.putShort((short) (loudness * 32767 * Math.sin(2 * Math.PI * 220 * i / rate)));
    }
    AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples), AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }
}
