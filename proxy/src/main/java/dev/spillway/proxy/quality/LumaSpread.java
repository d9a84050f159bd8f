package dev.spillway.proxy.quality;

/**
 * How much a picture's sampled luma varies: a flat picture (an image, a video frame) has nothing in
 * it, and a flat dark one is black.
 *
 * @param mean the average luma, 0..255
 */
public record LumaSpread(int min, int max, long mean) {
  /** A spread (of 255) below this is a flat picture; a flat one darker than {@link #BLACK} is black. */
  private static final int MIN_SPREAD = 12;
  private static final int BLACK = 16;

  public static LumaSpread of(int[] luma) {
    int min = 255;
    int max = 0;
    long sum = 0;
    for (int value : luma) {
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
    }
    return new LumaSpread(min, max, sum / Math.max(1, luma.length));
  }

  public boolean flat() {
    return max - min < MIN_SPREAD;
  }

  public static boolean dark(long mean) {
    return mean < BLACK;
  }
}
