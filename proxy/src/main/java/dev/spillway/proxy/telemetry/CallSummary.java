package dev.spillway.proxy.telemetry;

import dev.spillway.proxy.routing.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One finished call, as metrics and the access log record it.
 *
 * @param model the logical model asked for; null when the body could not be read
 * @param policy null when the request ended before routing
 * @param servedBy the attempt that served, or null
 * @param attempts every upstream attempt, in order
 * @param fallbackReason why earlier candidates did not serve, or null
 * @param traceId null when tracing is off
 * @param requestContent the client's messages as JSON, only when content capture is on
 * @param consumer who the call was authenticated as; null when anonymous
 * @param consumerKey which of the consumer's keys ({@code secret/key}); null when anonymous
 * @param consumerAttributes the consumer's attribution labels; empty when anonymous
 * @param plan the candidates in order with the routing decision (every candidate's score and the
 *     reason for the choice); null when the request ended before routing
 * @param requestId the {@code x-request-id} answered: what names the call when tracing is off
 */
public record CallSummary(
    Instant start,
    long latencyNanos,
    int status,
    String model,
    String policy,
    String configVersion,
    boolean stream,
    AttemptRecord servedBy,
    List<AttemptRecord> attempts,
    String fallbackReason,
    String traceId,
    String requestContent,
    String consumer,
    String consumerKey,
    Map<String, String> consumerAttributes,
    Plan plan,
    String requestId) {

  public CallSummary {
    attempts = List.copyOf(attempts);
    consumerAttributes = consumerAttributes == null ? Map.of() : Map.copyOf(consumerAttributes);
  }

  /** The call was served by a fallback, or tried more than one target. */
  public boolean failedOver() {
    return attempts.size() > 1 || fallbackReason != null;
  }
}
