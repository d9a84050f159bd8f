package dev.spillway.proxy.providers.simulated;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jcodec.api.SequenceEncoder;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Rational;
import org.jcodec.scale.AWTUtil;

/**
 * Real H.264 MP4 clips for the simulated provider, encoded with jcodec: a few frames per second of
 * coloured blocks chosen by the prompt, the prompt's text, and a bar that moves from frame to frame.
 * Different prompts give visibly different clips, so duplicate detection has something to tell
 * apart; a black clip is all black.
 */
public final class ClipEncoder {
  /** Frames per second: enough to be a video, few enough to encode in well under a second. */
  static final int FPS = 2;
  private static final int BLOCKS = 4;

  private ClipEncoder() {}

  /** @param width and height are rounded down to even numbers (4:2:0 chroma needs pairs) */
  public static byte[] encode(String prompt, int width, int height, int seconds, boolean black) {
    int w = width & ~1;
    int h = height & ~1;
    int frames = Math.max(1, seconds * FPS);
    // H.264 at these sizes and contents stays far below one raw frame per frame; the margin covers the header.
    ByteBuffer buffer = ByteBuffer.allocate(w * h * 3 / 2 * Math.min(frames, 8) + 64 * 1024);
    ByteBufferSeekableByteChannel channel = ByteBufferSeekableByteChannel.writeToByteBuffer(buffer);
    try {
      SequenceEncoder encoder = new SequenceEncoder(channel, Rational.R(FPS, 1), Format.MOV, Codec.H264, null);
      for (int i = 0; i < frames; i++) {
        encoder.encodeNativeFrame(AWTUtil.fromBufferedImageRGB(frame(prompt, w, h, i, frames, black)));
      }
      encoder.finish();
      return Arrays.copyOf(buffer.array(), (int) channel.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage frame(String prompt, int w, int h, int index, int frames, boolean black) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    if (black) {
      return image; // a new image is all zeros: black
    }
    Graphics2D g = image.createGraphics();
    try {
      SplittableRandom random = new SplittableRandom(prompt.hashCode());
      int bw = (w + BLOCKS - 1) / BLOCKS;
      int bh = (h + BLOCKS - 1) / BLOCKS;
      for (int by = 0; by < BLOCKS; by++) {
        for (int bx = 0; bx < BLOCKS; bx++) {
          g.setColor(new Color(random.nextInt(30, 226), random.nextInt(30, 226), random.nextInt(30, 226)));
          g.fillRect(bx * bw, by * bh, bw, bh);
        }
      }
      g.setColor(Color.WHITE);
      g.fillRect(index * w / frames, h - Math.max(2, h / 16), Math.max(2, w / frames), Math.max(2, h / 16));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, h / 12)));
      g.drawString(prompt.length() > 40 ? prompt.substring(0, 40) + "…" : prompt, Math.max(2, w / 40), h / 2);
    } finally {
      g.dispose();
    }
    return image;
  }
}
