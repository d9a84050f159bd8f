package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.Speech;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Media answers of the simulated provider, healthy or degraded. Healthy outputs are deterministic
 * functions of the input (so different prompts give different images, different texts different
 * audio), and cheap enough for load tests: images default to 256x256, audio is 24 kHz mono WAV or raw PCM.
 */
final class SimulatedMedia {
  private static final int DEFAULT_DIMENSIONS = 16;
  private static final String DEFAULT_SIZE = "256x256";
  private static final int BLOCKS = 8;
  private static final float SAMPLE_RATE = 24_000;
  private static final double SECONDS_PER_CHAR = 0.07;

  private final ObjectMapper mapper;

  SimulatedMedia(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** @param cancelled true once the call's result is no longer wanted: the work stops */
  ObjectNode embeddings(JsonNode request, String model, boolean zero, boolean empty, BooleanSupplier cancelled) {
    ObjectNode body = mapper.createObjectNode().put("object", "list").put("model", model);
    ArrayNode data = body.putArray("data");
    int dimensions = request.path("dimensions").asInt(DEFAULT_DIMENSIONS);
    boolean base64 = request.path("encoding_format").asText("float").equals("base64");
    int index = 0;
    for (JsonNode text : inputs(request)) {
      MediaBounds.stopIfCancelled(cancelled);
      if (empty) {
        break;
      }
      ObjectNode embedding = data.addObject().put("object", "embedding").put("index", index++);
      SplittableRandom random = new SplittableRandom(text.toString().hashCode());
      float[] vector = new float[dimensions];
      for (int i = 0; i < dimensions; i++) {
        vector[i] = zero ? 0f : (float) random.nextDouble(-1, 1);
      }
      if (base64) {
        // OpenAI's base64 form (the SDKs' default): the little-endian float32 bytes.
        ByteBuffer bytes = ByteBuffer.allocate(dimensions * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        embedding.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        ArrayNode floats = embedding.putArray("embedding");
        for (float value : vector) {
          floats.add(value);
        }
      }
    }
    body.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
    return body;
  }

  /** @param cancelled true once the call's result is no longer wanted: no further image is drawn */
  ObjectNode images(JsonNode request, long created, boolean black, boolean empty, BooleanSupplier cancelled) {
    ObjectNode body = mapper.createObjectNode().put("created", created);
    ArrayNode data = body.putArray("data");
    int images = MediaBounds.images(request);
    int[] size = MediaBounds.size(size(request), images);
    if (empty) {
      return body;
    }
    String format = request.path("output_format").asText("png");
    String prompt = request.path("prompt").asText("");
    for (int n = 0; n < images; n++) {
      MediaBounds.stopIfCancelled(cancelled);
      BufferedImage image = image(size[0], size[1], (prompt + n).hashCode(), black);
      data.addObject().put("b64_json", Base64.getEncoder().encodeToString(encode(image, format)));
    }
    return body;
  }

  /** Random grey-and-colour blocks seeded by the prompt; all black when degraded. */
  private static BufferedImage image(int width, int height, long seed, boolean black) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    if (black) {
      return image;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] colours = new int[BLOCKS * BLOCKS];
    for (int i = 0; i < colours.length; i++) {
      colours[i] = random.nextInt(0x1000000);
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, colours[(y * BLOCKS / height) * BLOCKS + x * BLOCKS / width]);
      }
    }
    return image;
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, format.equals("jpeg") || format.equals("jpg") ? "jpeg" : "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number and size of images, checked against the bounds before any is drawn. */
  static void validateImages(JsonNode request) {
    MediaBounds.size(size(request), MediaBounds.images(request));
  }

  private static String size(JsonNode request) {
    return request.path("size").asText(DEFAULT_SIZE).replace("auto", DEFAULT_SIZE);
  }

  /** The texts to embed: one, or an array of them (an array of numbers is one tokenized text). */
  private static JsonNode inputs(JsonNode request) {
    JsonNode input = request.path("input");
    return input.isArray() && !input.path(0).isNumber() ? input : JsonNodeFactory.instance.arrayNode().add(input);
  }

  /**
   * An embeddings {@code encoding_format} of float or base64, checked as the real API does, and
   * the number of inputs and dimensions within the bounds.
   */
  static void validateEmbeddings(JsonNode request) {
    MediaBounds.embeddings(inputs(request).size(), request.path("dimensions").asInt(DEFAULT_DIMENSIONS));
    String encoding = request.path("encoding_format").asText("float");
    if (!encoding.equals("float") && !encoding.equals("base64")) {
      throw ChatParameters.invalid("encoding_format", "invalid_value",
          "Invalid value: '" + encoding + "'. Supported values are: 'float' and 'base64'.");
    }
  }

  /**
   * A speech {@code response_format} the simulator can encode: wav, or raw pcm. The JDK has no mp3,
   * opus, aac or flac encoder, so those are refused rather than answered in another format.
   */
  static void validateSpeech(JsonNode request) {
    MediaBounds.speech(request.path("input").asText(""));
    String audio = request.path("response_format").asText("wav");
    if (!audio.equals("wav") && !audio.equals("pcm")) {
      throw ChatParameters.invalid("response_format", "unsupported_value", "The simulated provider speaks wav or pcm;"
          + " response_format '" + audio + "' needs a real provider (the JDK has no mp3, opus, aac or flac encoder).");
    }
  }

  /** A transcription request with audio and a {@code response_format} of json (the default) or verbose_json. */
  static void validateTranscription(JsonNode request) {
    if (request.path("file").asText("").isEmpty()) {
      throw ChatParameters.invalid("file", "missing_required_parameter", "Missing required parameter: 'file'.");
    }
    String format = request.path("response_format").asText("json");
    if (!format.equals("json") && !format.equals("verbose_json")) {
      throw ChatParameters.invalid("response_format", "unsupported_value",
          "The simulated provider answers transcriptions as json; response_format '" + format + "' needs a real provider.");
    }
  }

  /**
   * Speech stand-in, WAV unless raw {@code pcm} is asked for (24 kHz, as OpenAI's): a tone whose
   * loudness follows the text's characters; zeros when silent.
   */
  Speech speech(JsonNode request, boolean silent, boolean empty) {
    boolean raw = request.path("response_format").asText("wav").equals("pcm");
    String type = raw ? "audio/pcm" : "audio/wav";
    String format = raw ? "pcm" : "wav";
    if (empty) {
      return new Speech(new byte[0], type, format);
    }
    String text = request.path("input").asText("");
    int samples = (int) (SAMPLE_RATE * Math.max(0.5, SECONDS_PER_CHAR * text.length()));
    int perChar = (int) (SAMPLE_RATE * SECONDS_PER_CHAR);
    double frequency = 180 + Math.floorMod(text.hashCode(), 200);
    ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < samples; i++) {
      char c = text.isEmpty() ? 'a' : text.charAt(Math.min(text.length() - 1, i / perChar));
      double loudness = 0.1 + 0.5 * Math.floorMod(c * 31, 11) / 10.0;
      double value = silent ? 0 : loudness * Math.sin(2 * Math.PI * frequency * i / SAMPLE_RATE);
      pcm.putShort((short) (value * 32767));
    }
    return new Speech(raw ? pcm.array() : wav(pcm.array(), samples), type, format);
  }

  private static byte[] wav(byte[] pcm, int samples) {
    AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
