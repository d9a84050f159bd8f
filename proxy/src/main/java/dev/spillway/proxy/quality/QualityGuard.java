package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.QualityConfig;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.TargetGate;

/**
 * Quality on the call path, one per proxy: hands each request the {@link AnswerCheck} its policy
 * asks for, and feeds every judged answer to drift detection.
 */
public final class QualityGuard {
  private final ChatChecks chatChecks;
  private final DriftMonitor drift;

  public QualityGuard(ObjectMapper mapper, TargetGate gate) {
    this.chatChecks = new ChatChecks(mapper);
    this.drift = new DriftMonitor(gate);
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
    return new ChatAnswerCheck(chatChecks, drift, quality, RequestExpectations.of(request));
  }
}
