package dev.spillway.proxy.providers.simulated;

import dev.spillway.proxy.providers.ProviderFailure;

/**
 * What a simulated provider does with one call, decided up front from the fault schedule and the
 * dice.
 *
 * @param delayMs before the answer (or the first chunk, or the failure)
 * @param failure set when the call fails with an HTTP error
 */
record CallPlan(Behaviour behaviour, long delayMs, ProviderFailure failure) {

  enum Behaviour {
    /** Answer with the configured reply. */
    ANSWER,
    /** Answer 200 with empty content. */
    EMPTY,
    /** Fail with {@link CallPlan#failure()}. */
    FAIL,
    /** Never answer; only cancellation ends the call. */
    HANG,
    /** Streams stop half-way with a protocol error; plain calls answer normally. */
    CUT,
    /** Answer 200 with a refusal. */
    REFUSAL,
    /** Answer 200 with a degenerate loop. */
    REPETITION,
    /** Answer 200 with keyboard mash that passes every check. */
    GIBBERISH,
    /** Answer 200 with broken JSON. */
    BAD_JSON,
    /** Images come back black; other calls answer normally. */
    BLACK_IMAGE,
    /** Speech comes back silent; other calls answer normally. */
    SILENT_AUDIO,
    /** Embeddings come back all zeros; other calls answer normally. */
    ZERO_EMBEDDING
  }

  static CallPlan answer(Behaviour behaviour, long delayMs) {
    return new CallPlan(behaviour, delayMs, null);
  }

  static CallPlan fail(long delayMs, ProviderFailure failure) {
    return new CallPlan(Behaviour.FAIL, delayMs, failure);
  }
}
