package dev.spillway.proxy.quality;

import static dev.spillway.proxy.testing.MediaSamples.blocks;
import static dev.spillway.proxy.testing.MediaSamples.embeddingsBody;
import static dev.spillway.proxy.testing.MediaSamples.encode;
import static dev.spillway.proxy.testing.MediaSamples.filled;
import static dev.spillway.proxy.testing.MediaSamples.imagesBody;
import static dev.spillway.proxy.testing.MediaSamples.speechWav;
import static dev.spillway.proxy.testing.MediaSamples.wav;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.providers.Speech;
import java.awt.Color;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MediaChecksTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TARGET = "acct/model";

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Nested
  class Embeddings {
    private final EmbeddingChecks checks = new EmbeddingChecks();

    private Optional<String> check(String request, double[]... vectors) {
      return checks.failure(json(embeddingsBody(vectors)), json(request), TARGET).map(CheckFailure::reason);
    }

    @Test
    void oneFiniteNonZeroVectorPerInputPasses() {
      assertThat(check("{\"input\":[\"a\",\"b\"]}", new double[] {0.1, -0.2}, new double[] {0.3, 0.4})).isEmpty();
    }

    @Test
    void zeroVectorsWrongCountsAndDimensionsFail() {
      assertThat(check("{\"input\":\"a\"}", new double[] {0, 0, 0})).hasValue("zero embedding vector");
      assertThat(check("{\"input\":[\"a\",\"b\"]}", new double[] {0.1})).hasValue("1 embeddings for 2 inputs");
      assertThat(check("{\"input\":\"a\",\"dimensions\":3}", new double[] {0.1, 0.2})).hasValue("dimension 2, requested 3");
      assertThat(check("{\"input\":[\"a\",\"b\"]}", new double[] {0.1}, new double[] {0.1, 0.2}))
          .hasValue("embeddings of different dimensions 1 and 2");
      assertThat(checks.failure(json("{\"data\":[]}"), json("{\"input\":\"a\"}"), TARGET).map(CheckFailure::reason)).hasValue("no embeddings");
    }

    @Test
    void aTargetWhoseDimensionChangesFails() {
      assertThat(check("{\"input\":\"a\"}", new double[] {0.1, 0.2})).isEmpty();
      assertThat(check("{\"input\":\"a\"}", new double[] {0.1, 0.2, 0.3})).hasValue("dimension changed from 2 to 3");
    }

    @Test
    void base64VectorsAreDecodedAndNaNFails() {
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      bytes.putFloat(0.5f).putFloat(Float.NaN);
      String body = "{\"data\":[{\"embedding\":\"" + java.util.Base64.getEncoder().encodeToString(bytes.array()) + "\"}]}";
      assertThat(checks.failure(json(body), json("{\"input\":\"a\"}"), TARGET).map(CheckFailure::reason)).hasValue("embedding contains NaN or infinity");
    }
  }

  @Nested
  class Images {
    private final ImageChecks checks = new ImageChecks();

    private Optional<String> check(String request, byte[] image) {
      return checks.failure(json(imagesBody(image)), json(request), TARGET).map(CheckFailure::reason);
    }

    @Test
    void aDecodableImageWithContentOfTheRequestedSizePasses() {
      assertThat(check("{\"prompt\":\"cat\",\"size\":\"64x48\"}", encode(blocks(64, 48, 1), "png"))).isEmpty();
      assertThat(check("{\"prompt\":\"dog\",\"output_format\":\"jpeg\"}", encode(blocks(64, 64, 2), "jpeg"))).isEmpty();
    }

    @Test
    void blackBlankUndecodableAndMismatchedImagesFail() {
      assertThat(check("{\"prompt\":\"cat\"}", encode(filled(64, 64, Color.BLACK), "png"))).hasValue("black image");
      assertThat(check("{\"prompt\":\"cat\"}", encode(filled(64, 64, Color.WHITE), "png"))).hasValue("blank image");
      assertThat(check("{\"prompt\":\"cat\"}", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3})).hasValue("image does not decode");
      assertThat(check("{\"prompt\":\"cat\",\"size\":\"64x64\"}", encode(blocks(32, 32, 3), "png")))
          .hasValue("image size 32x32, requested 64x64");
      assertThat(check("{\"prompt\":\"cat\",\"output_format\":\"png\"}", encode(blocks(32, 32, 3), "jpeg")))
          .hasValue("image format jpeg, requested png");
    }

    @Test
    void theSameImageForDifferentPromptsFailsButNotForTheSamePrompt() {
      byte[] image = encode(blocks(64, 64, 4), "png");
      assertThat(check("{\"prompt\":\"cat\"}", image)).isEmpty();
      assertThat(check("{\"prompt\":\"cat\"}", image)).isEmpty();
      assertThat(check("{\"prompt\":\"a house\"}", image)).hasValue("same image as for a different prompt");
      assertThat(check("{\"prompt\":\"a tree\"}", encode(blocks(64, 64, 5), "png"))).isEmpty();
    }

    @Test
    void urlsAreNotFetched() {
      assertThat(checks.failure(json("{\"data\":[{\"url\":\"https://example.invalid/a.png\"}]}"), json("{}"), TARGET).map(CheckFailure::reason)).isEmpty();
    }
  }

  @Nested
  class Audio {
    private final AudioChecks checks = new AudioChecks();

    private Optional<String> check(String text, byte[] audio) {
      return checks.failure(new Speech(audio, "audio/wav", "wav"), json("{\"input\":\"" + text + "\",\"voice\":\"alloy\"}"), TARGET).map(CheckFailure::reason);
    }

    private static String text(int chars, char c) {
      return String.valueOf(c).repeat(chars);
    }

    @Test
    void speechOfAPlausibleLengthPasses() {
      assertThat(check(text(40, 'a'), speechWav(2.8, 1))).isEmpty();
      assertThat(check(text(40, 'b'), speechWav(2.9, 2))).isEmpty();
    }

    @Test
    void silenceClippingAndImplausibleDurationsFail() {
      assertThat(check(text(40, 'a'), wav(2.8, i -> 0))).get().asString().startsWith("mostly silence");
      assertThat(check(text(40, 'a'), wav(2.8, i -> i % 40 < 20 ? 1.0 : -1.0))).hasValue("clipped audio");
      assertThat(check(text(400, 'a'), speechWav(1.0, 3))).get().asString().startsWith("1.0 s of audio for 400 characters");
      assertThat(check("x", new byte[0])).hasValue("empty audio");
      assertThat(check(text(40, 'a'), new byte[] {'R', 'I', 'F', 'F', 0, 0})).hasValue("audio does not decode");
    }

    @Test
    void theSameAudioForDifferentTextsFails() {
      byte[] audio = speechWav(2.8, 7);
      assertThat(check(text(40, 'a'), audio)).isEmpty();
      assertThat(check(text(40, 'c'), audio)).hasValue("same audio as for a different text");
    }

    @Test
    void compressedFormatsAreOnlyCheckedForPresence() {
      assertThat(checks.failure(new Speech(new byte[] {1, 2, 3}, "audio/mpeg", "mp3"), json("{\"input\":\"hi\"}"), TARGET).map(CheckFailure::reason))
          .isEmpty();
    }
  }
}
