package dev.spillway.proxy.failover;

import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.Optional;

/**
 * Judges answers before the client sees them: a rejected answer fails its attempt like a 5xx, so
 * the call moves on to the next candidate. The seam where quality checks plug in (one instance per
 * request); implementations never throw and stay within about a millisecond.
 */
public interface AnswerCheck {

  /** Serves every answer as it came. */
  AnswerCheck NONE =
      new AnswerCheck() {
        @Override
        public Optional<ProviderFailure> plain(Attempt attempt, Completion completion) {
          return Optional.empty();
        }

        @Override
        public StreamWatch stream(Attempt attempt) {
          return StreamWatch.NONE;
        }
      };

  /** Why a plain answer must not be served, or empty when it may. */
  Optional<ProviderFailure> plain(Attempt attempt, Completion completion);

  /** Watches one streaming attempt from its first chunk. */
  StreamWatch stream(Attempt attempt);

  /** One streaming attempt's observer. Calls for one attempt never overlap. */
  interface StreamWatch {
    StreamWatch NONE =
        new StreamWatch() {
          @Override
          public void chunk(ChunkFacts chunk) {}

          @Override
          public Optional<ProviderFailure> beforeRelease() {
            return Optional.empty();
          }

          @Override
          public void ended() {}
        };

    /** Every chunk of the attempt, held back or not. */
    void chunk(ChunkFacts chunk);

    /**
     * Whether the prefix, though it carries a token, is still too short to judge: the stream then
     * holds it back a little longer (the watch bounds how long). Asked on every chunk until the
     * prefix is released.
     */
    default boolean holdLonger() {
      return false;
    }

    /**
     * After {@link #holdLonger} said yes: how long the prefix may still be held (the watch's
     * bound), so the stream releases it then even when no further chunk arrives to ask again.
     */
    default long holdLeftNanos() {
      return 0;
    }

    /**
     * Just before the held-back prefix goes out (at the first token, or at the end of a stream
     * that carried none): why it must not, or empty when it may.
     */
    Optional<ProviderFailure> beforeRelease();

    /** The stream ended cleanly after it was released: too late to reroute, still worth judging. */
    void ended();
  }
}
