package dev.spillway.proxy.quality;

import dev.spillway.config.QualityConfig;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.Optional;

/**
 * One chat request's answer checks: plain answers are judged whole before they are served; streams
 * have their held-back prefix judged before release, and the whole answer judged after the end (a
 * drift signal only: the client has it by then). Every verdict goes to drift detection.
 */
final class ChatAnswerCheck implements AnswerCheck {
  private final ChatChecks checks;
  private final DriftMonitor drift;
  private final QualityConfig quality;
  private final RequestExpectations expected;

  ChatAnswerCheck(ChatChecks checks, DriftMonitor drift, QualityConfig quality, RequestExpectations expected) {
    this.checks = checks;
    this.drift = drift;
    this.quality = quality;
    this.expected = expected;
  }

  @Override
  public Optional<ProviderFailure> plain(Attempt attempt, Completion completion) {
    ChatAnswer answer = ChatAnswer.of(completion.body());
    return judged(attempt, checks.failure(answer, expected, quality.checks()), form(answer));
  }

  @Override
  public StreamWatch stream(Attempt attempt) {
    StreamedAnswer answer = new StreamedAnswer();
    return new StreamWatch() {
      private long firstOutputNanos;

      @Override
      public void chunk(ChunkFacts chunk) {
        answer.add(chunk);
      }

      @Override
      public boolean holdLonger() {
        long now = System.nanoTime();
        if (firstOutputNanos == 0) {
          firstOutputNanos = now;
        }
        return checks.prefixTooShort(answer.answer(), quality.checks(), now - firstOutputNanos);
      }

      @Override
      public long holdLeftNanos() {
        return Math.max(0, ChatChecks.PREFIX_HOLD_NANOS - (System.nanoTime() - firstOutputNanos));
      }

      @Override
      public Optional<ProviderFailure> beforeRelease() {
        Optional<CheckFailure> failure = checks.prefixFailure(answer.answer(), quality.checks());
        // A passing prefix is not a verdict yet: the whole answer is judged at the end.
        return failure.isPresent() ? judged(attempt, failure, null) : Optional.empty();
      }

      @Override
      public void ended() {
        ChatAnswer whole = answer.answer();
        judged(attempt, checks.failure(whole, expected, quality.checks()), form(whole));
      }
    };
  }

  /** The answer's form, for drift (null when drift is off or the answer is not prose). */
  private AnswerForm form(ChatAnswer answer) {
    return quality.driftEnabled() ? AnswerForm.of(answer.text(), expected) : null;
  }

  private Optional<ProviderFailure> judged(Attempt attempt, Optional<CheckFailure> failure, AnswerForm form) {
    return drift.judged(attempt.candidate().target(), failure, form, quality);
  }
}
