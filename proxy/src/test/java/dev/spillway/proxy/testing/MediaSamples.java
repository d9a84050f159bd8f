package dev.spillway.proxy.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Images, audio and provider bodies for media tests: good ones and each kind of degraded one. */
public final class MediaSamples {
  public static final float SAMPLE_RATE = 16_000;

  private MediaSamples() {}

  /** Random coloured blocks seeded by {@code seed}. */
  public static BufferedImage blocks(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(seed);
    Graphics2D g = image.createGraphics();
    for (int by = 0; by < 8; by++) {
      for (int bx = 0; bx < 8; bx++) {
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillRect(bx * width / 8, by * height / 8, width / 8 + 1, height / 8 + 1);
      }
    }
    g.dispose();
    return image;
  }

  public static BufferedImage filled(int width, int height, Color colour) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  public static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An OpenAI images body carrying these encoded images. */
  public static String imagesBody(byte[]... images) {
    StringBuilder body = new StringBuilder("{\"created\":1,\"data\":[");
    for (int i = 0; i < images.length; i++) {
      body.append(i == 0 ? "" : ",").append("{\"b64_json\":\"").append(Base64.getEncoder().encodeToString(images[i])).append("\"}");
    }
    return body.append("]}").toString();
  }

  /** An OpenAI embeddings body with these vectors. */
  public static String embeddingsBody(double[]... vectors) {
    StringBuilder body = new StringBuilder("{\"object\":\"list\",\"model\":\"e\",\"data\":[");
    for (int i = 0; i < vectors.length; i++) {
      body.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[");
      for (int j = 0; j < vectors[i].length; j++) {
        body.append(j == 0 ? "" : ",").append(vectors[i][j]);
      }
      body.append("]}");
    }
    return body.append("]}").toString();
  }

  /** Speech-like audio: a tone whose loudness changes every 70 ms with the seed. */
  public static byte[] speechWav(double seconds, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] loudness = new double[(int) (seconds / 0.07) + 1];
    for (int i = 0; i < loudness.length; i++) {
      loudness[i] = 0.1 + 0.5 * random.nextDouble();
    }
    return wav(seconds, i -> loudness[(int) (i / (SAMPLE_RATE * 0.07))] * Math.sin(2 * Math.PI * 220 * i / SAMPLE_RATE));
  }

  /** 16 kHz mono 16-bit WAV of {@code seconds}, sample i in [-1, 1]. */
  public static byte[] wav(double seconds, IntToDoubleFunction sample) {
    int samples = (int) (seconds * SAMPLE_RATE);
    ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < samples; i++) {
      pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, sample.applyAsDouble(i))) * 32767));
    }
    AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
