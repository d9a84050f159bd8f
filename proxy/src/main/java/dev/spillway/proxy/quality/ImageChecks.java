package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks of an image-generation answer: each image decodes (javax.imageio), is not blank or black
 * (the luma spread over a sampled thumbnail), has the requested size and format, and is not the
 * same picture (dHash) a recent different prompt got. Images given only as URLs are not fetched:
 * the proxy calls no URL a provider hands it.
 */
public final class ImageChecks {
  /** Luma samples per side: enough to see any content, cheap whatever the resolution. */
  public static final int SAMPLES = 32;
  /** Pixels per side actually converted when decoding: a few per luma sample. */
  private static final int DECODED_SIDE = 128;
  private static final int SAME_IMAGE_BITS = 2;

  static {
    // ImageIO otherwise buffers every decoded stream through a temporary file.
    ImageIO.setUseCache(false);
  }

  private final Map<String, RecentOutputs> recent = new ConcurrentHashMap<>();

  public Optional<CheckFailure> failure(JsonNode body, JsonNode request, String targetId) {
    JsonNode data = body.path("data");
    if (!data.isArray() || data.isEmpty()) {
      return Optional.of(CheckFailure.target("no images"));
    }
    int requested = request.path("n").asInt(0);
    if (requested > 0 && data.size() != requested) {
      return Optional.of(CheckFailure.target(data.size() + " images, requested " + requested));
    }
    int prompt = request.path("prompt").asText("").hashCode();
    for (JsonNode item : data) {
      if (!item.path("b64_json").isTextual()) {
        if (!item.path("url").isTextual()) {
          return Optional.of(CheckFailure.target("image has neither b64_json nor url"));
        }
        continue;
      }
      Optional<CheckFailure> bad = imageFailure(item.path("b64_json").asText(), request, targetId, prompt);
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }

  private Optional<CheckFailure> imageFailure(String base64, JsonNode request, String targetId, int prompt) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return Optional.of(CheckFailure.target("image is not valid base64"));
    }
    String format = ImageFormats.of(bytes);
    String wanted = request.path("output_format").asText("");
    if (!wanted.isEmpty() && !ImageFormats.same(wanted, format)) {
      return Optional.of(CheckFailure.request("image format " + format + ", requested " + wanted));
    }
    if (format.equals("webp")) {
      return Optional.empty(); // the JDK cannot decode WebP: the format was all we could check
    }
    Decoded decoded = decode(bytes);
    if (decoded == null) {
      return Optional.of(CheckFailure.target("image does not decode"));
    }
    String size = request.path("size").asText("auto");
    if (size.matches("\\d+x\\d+") && !size.equals(decoded.width() + "x" + decoded.height())) {
      return Optional.of(CheckFailure.request("image size " + decoded.width() + "x" + decoded.height() + ", requested " + size));
    }
    int[] luma = lumaThumbnail(decoded.thumbnail());
    LumaSpread spread = LumaSpread.of(luma);
    if (spread.flat()) {
      return Optional.of(CheckFailure.target(LumaSpread.dark(spread.mean()) ? "black image" : "blank image"));
    }
    long hash = dHash(luma);
    if (recent.computeIfAbsent(targetId, id -> new RecentOutputs()).sameAsForOtherInput(hash, prompt, SAME_IMAGE_BITS)) {
      return Optional.of(CheckFailure.request("same image as for a different prompt"));
    }
    return Optional.empty();
  }

  /** The image's full size, and the image itself read with subsampling. */
  private record Decoded(int width, int height, BufferedImage thumbnail) {}

  /**
   * Decodes every row (so a corrupt image fails) but converts only every n-th pixel into the
   * thumbnail the checks look at: a 1024x1024 image costs a fraction of a full decode.
   */
  private static Decoded decode(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(Math.max(1, width / DECODED_SIDE), Math.max(1, height / DECODED_SIDE), 0, 0);
        return new Decoded(width, height, reader.read(0, param));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Luma (0..255) at a SAMPLES x SAMPLES grid of pixels: nearest neighbour, no resampling cost. */
  static int[] lumaThumbnail(BufferedImage image) {
    int[] luma = new int[SAMPLES * SAMPLES];
    for (int y = 0; y < SAMPLES; y++) {
      int py = (int) ((y + 0.5) * image.getHeight() / SAMPLES);
      for (int x = 0; x < SAMPLES; x++) {
        int rgb = image.getRGB((int) ((x + 0.5) * image.getWidth() / SAMPLES), py);
        luma[y * SAMPLES + x] = (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
      }
    }
    return luma;
  }

  /**
   * Difference hash: the thumbnail averaged down to 9x8 cells, one bit per horizontally adjacent
   * pair (is the left cell brighter?). Robust to re-encoding and small changes, cheap to compare.
   * Video checks hash their sampled frames with it too.
   * Hand-written: the dHash algorithm is a dozen lines, smaller than any dependency that has it.
   */
  public static long dHash(int[] luma) {
    double[] cells = new double[9 * 8];
    for (int y = 0; y < SAMPLES; y++) {
      for (int x = 0; x < SAMPLES; x++) {
        cells[(y * 8 / SAMPLES) * 9 + (x * 9 / SAMPLES)] += luma[y * SAMPLES + x];
      }
    }
    long hash = 0;
    for (int row = 0; row < 8; row++) {
      for (int col = 0; col < 8; col++) {
        hash = (hash << 1) | (cells[row * 9 + col] > cells[row * 9 + col + 1] ? 1 : 0);
      }
    }
    return hash;
  }
}
