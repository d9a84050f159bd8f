package dev.spillway.proxy.quality;

/**
 * The fingerprints of a target's recent media outputs, each with a hash of the input that produced
 * it: a provider that answers different prompts with the same image (or texts with the same audio)
 * is serving a cached or placeholder output. A small ring, so memory and lookup stay constant.
 */
public final class RecentOutputs {
  private static final int SIZE = 32;

  private final long[] fingerprints = new long[SIZE];
  private final int[] inputs = new int[SIZE];
  private int count;
  private int next;

  /**
   * Whether a recent output for a different input had (nearly) this fingerprint; then remembers
   * this one.
   *
   * @param maxDistance fingerprints at most this many bits apart count as the same
   */
  public synchronized boolean sameAsForOtherInput(long fingerprint, int input, int maxDistance) {
    boolean same = false;
    for (int i = 0; i < count && !same; i++) {
      same = inputs[i] != input && Long.bitCount(fingerprints[i] ^ fingerprint) <= maxDistance;
    }
    fingerprints[next] = fingerprint;
    inputs[next] = input;
    next = (next + 1) % SIZE;
    count = Math.min(SIZE, count + 1);
    return same;
  }
}
