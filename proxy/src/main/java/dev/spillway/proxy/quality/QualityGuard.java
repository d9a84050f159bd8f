package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.QualityCheck;
import dev.spillway.config.QualityConfig;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.failover.PlainCall;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Speech;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Quality on the call path, one per proxy: hands each request the checks its policy asks for (chat,
 * embeddings, images, speech), and feeds every judged answer to drift detection.
 */
public final class QualityGuard {
  private final ChatChecks chatChecks;
  private final EmbeddingChecks embeddingChecks = new EmbeddingChecks();
  private final ImageChecks imageChecks = new ImageChecks();
  private final AudioChecks audioChecks = new AudioChecks();
  private final DriftMonitor drift;

  public QualityGuard(ObjectMapper mapper, TargetGate gate) {
    this(mapper, new DriftMonitor(), gate);
  }

  /**
   * @param drift the detector routing reads (the resilience engine is built with it)
   * @param gate hears each raised drift alarm as one failure of the target, toward its breaker
   */
  public QualityGuard(ObjectMapper mapper, DriftMonitor drift, TargetGate gate) {
    this.chatChecks = new ChatChecks(mapper);
    this.drift = drift;
    // A raised alarm is one failure toward the target's breaker, not a forced trip. Ranking already
    // demotes the drifting target until the detector clears it, so the breaker need not take its
    // traffic; opening it would also refuse the target as a last resort and hold it out for a fixed
    // cool-down that knows nothing of the alarm. The alarm adds to the evidence the breaker weighs
    // (each bad answer checked on the call path already counts once): answers judged only after a
    // stream was served reach the breaker this way, and a target that drifts again and again while
    // failing calls trips it sooner. A cleared alarm is no success: only real calls close breakers.
    drift.onDriftChange((target, state) -> {
      if (state.drifting()) {
        gate.recordFailure(target, FailureClass.RETRYABLE, ProviderFailure.quality(state.reason()));
      }
    });
  }

  ChatChecks chatChecks() {
    return chatChecks;
  }

  /** What scoring and triggers read. */
  public DriftMonitor drift() {
    return drift;
  }

  /** The checks of one chat request under its policy. */
  public AnswerCheck forChat(PolicyConfig policy, JsonNode request) {
    QualityConfig quality = policy.qualityOrDefaults();
    if (quality.checks().isEmpty()) {
      return AnswerCheck.NONE;
    }
    return new ChatAnswerCheck(chatChecks, drift, quality, RequestExpectations.of(request, quality.checks()));
  }

  /** The judge of one embeddings request's answers. */
  public PlainCall.Judge<Completion> forEmbeddings(PolicyConfig policy, JsonNode request) {
    return judge(policy, QualityCheck.EMBEDDING,
        (attempt, answer) -> embeddingChecks.failure(answer.body(), request, attempt.targetId()));
  }

  /** The judge of one image-generation request's answers. */
  public PlainCall.Judge<Completion> forImages(PolicyConfig policy, JsonNode request) {
    return judge(policy, QualityCheck.IMAGE,
        (attempt, answer) -> imageChecks.failure(answer.body(), request, attempt.targetId()));
  }

  /** The judge of one speech request's answers. */
  public PlainCall.Judge<Speech> forSpeech(PolicyConfig policy, JsonNode request) {
    return judge(policy, QualityCheck.AUDIO, (attempt, answer) -> audioChecks.failure(answer, request, attempt.targetId()));
  }

  /**
   * The judge of one video job's clips: the video package's checks, counted by drift detection
   * like every other answer check, and skipped when the policy turns the video check off.
   */
  public PlainCall.Judge<byte[]> forVideo(PolicyConfig policy, BiFunction<Attempt, byte[], Optional<String>> checks) {
    return judge(policy, QualityCheck.VIDEO, (attempt, clip) -> checks.apply(attempt, clip).map(CheckFailure::target));
  }

  private <R> PlainCall.Judge<R> judge(
      PolicyConfig policy, QualityCheck check, BiFunction<Attempt, R, Optional<CheckFailure>> failure) {
    QualityConfig quality = policy.qualityOrDefaults();
    if (!quality.checks(check)) {
      return (attempt, answer) -> Optional.empty();
    }
    return (attempt, answer) -> drift.judged(attempt.candidate().target(), failure.apply(attempt, answer), quality);
  }
}
