package dev.spillway.proxy.quality;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Decoded mono audio, samples in [-1, 1], and the measures the audio checks need. */
record Pcm(float[] samples, float sampleRate) {
  /** OpenAI's {@code pcm} format: raw 24 kHz signed 16-bit little-endian mono. */
  private static final float RAW_PCM_RATE = 24_000;

  static boolean decodable(String format) {
    return format.equals("wav") || format.equals("pcm");
  }

  /** The audio, or null when it does not decode (or the format has no decoder here). */
  static Pcm decode(byte[] bytes, String format) {
    if (format.equals("pcm")) {
      return fromS16le(bytes, 0, bytes.length, 1, RAW_PCM_RATE);
    }
    if (!format.equals("wav")) {
      return null;
    }
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
      AudioFormat source = in.getFormat();
      AudioFormat target = new AudioFormat(source.getSampleRate(), 16, source.getChannels(), true, false);
      try (AudioInputStream pcm = AudioSystem.getAudioInputStream(target, in)) {
        byte[] data = pcm.readAllBytes();
        return fromS16le(data, 0, data.length, target.getChannels(), target.getSampleRate());
      }
    } catch (UnsupportedAudioFileException | IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The first channel of interleaved signed 16-bit little-endian frames. */
  private static Pcm fromS16le(byte[] data, int offset, int length, int channels, float rate) {
    int frameBytes = 2 * channels;
    float[] samples = new float[length / frameBytes];
    for (int i = 0; i < samples.length; i++) {
      int at = offset + i * frameBytes;
      samples[i] = (short) ((data[at] & 0xff) | (data[at + 1] << 8)) / 32768f;
    }
    return new Pcm(samples, rate);
  }

  double seconds() {
    return samples.length / sampleRate;
  }

  /** RMS of consecutive frames of this many seconds. */
  double[] frameRms(double frameSeconds) {
    int frame = Math.max(1, (int) (sampleRate * frameSeconds));
    double[] rms = new double[(samples.length + frame - 1) / frame];
    for (int f = 0; f < rms.length; f++) {
      double sum = 0;
      int end = Math.min(samples.length, (f + 1) * frame);
      for (int i = f * frame; i < end; i++) {
        sum += samples[i] * samples[i];
      }
      rms[f] = Math.sqrt(sum / (end - f * frame));
    }
    return rms;
  }

  double clippedShare(double level) {
    int clipped = 0;
    for (float sample : samples) {
      clipped += Math.abs(sample) >= level ? 1 : 0;
    }
    return (double) clipped / samples.length;
  }

  /**
   * A 64-bit fingerprint of the loudness envelope: 64 equal slices of the clip, one bit each (is
   * the slice louder than the next?). The same audio gives the same bits whatever its level;
   * different speech gives different ones.
   */
  static long envelopeFingerprint(double[] frameRms) {
    double[] slices = new double[65];
    for (int i = 0; i < frameRms.length; i++) {
      slices[(int) ((long) i * slices.length / frameRms.length)] += frameRms[i];
    }
    long bits = 0;
    for (int i = 0; i < 64; i++) {
      bits = (bits << 1) | (slices[i] > slices[i + 1] ? 1 : 0);
    }
    return bits;
  }
}
