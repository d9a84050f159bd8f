package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.function.BooleanSupplier;

/**
 * What one simulated media call may ask for, as a real provider bounds it: the simulator runs in
 * the proxy's own process, so an unbounded {@code n} or size would burn its threads and heap.
 * Requests over a bound get the 400 a provider would answer, before any work; work stops once
 * the call is cancelled.
 */
final class MediaBounds {
  static final int MAX_IMAGES = 10;
  static final int MIN_SIDE = 16;
  static final int MAX_SIDE = 2048;
  /** All images of one call together: ten 1024x1024 images. */
  static final long MAX_TOTAL_PIXELS = 10L * 1024 * 1024;
  static final int MAX_EMBEDDING_INPUTS = 2048;
  static final int MAX_DIMENSIONS = 4096;
  static final int MAX_SPEECH_CHARS = 4096;

  private MediaBounds() {}

  /** The number of images asked for, checked. */
  static int images(JsonNode request) {
    int n = request.path("n").asInt(1);
    if (!request.path("n").isMissingNode() && (!request.path("n").canConvertToInt() || n < 1 || n > MAX_IMAGES)) {
      throw invalid("n", "n must be 1 to " + MAX_IMAGES);
    }
    return Math.max(1, n);
  }

  /** Width and height, checked alone and against the call's total. */
  static int[] size(String size, int images) {
    String[] parts = size.split("x");
    int width;
    int height;
    try {
      width = parts.length == 2 ? Integer.parseInt(parts[0]) : -1;
      height = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException notANumber) {
      width = -1;
      height = -1;
    }
    if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
      throw invalid("size", "size must be WIDTHxHEIGHT, each " + MIN_SIDE + " to " + MAX_SIDE);
    }
    if ((long) width * height * images > MAX_TOTAL_PIXELS) {
      throw invalid("size", "n images of this size exceed " + MAX_TOTAL_PIXELS + " pixels");
    }
    return new int[] {width, height};
  }

  static void embeddings(int inputs, int dimensions) {
    if (inputs > MAX_EMBEDDING_INPUTS) {
      throw invalid("input", "at most " + MAX_EMBEDDING_INPUTS + " inputs");
    }
    if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
      throw invalid("dimensions", "dimensions must be 1 to " + MAX_DIMENSIONS);
    }
  }

  static void speech(String text) {
    if (text.length() > MAX_SPEECH_CHARS) {
      throw invalid("input", "input must be at most " + MAX_SPEECH_CHARS + " characters");
    }
  }

  /** Ends the work of a call that was cancelled meanwhile (its result is no longer wanted). */
  static void stopIfCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw ProviderFailure.timeout("cancelled");
    }
  }

  private static ProviderFailure invalid(String param, String message) {
    return ChatParameters.invalid(param, "invalid_value", "simulated provider: " + message);
  }
}
