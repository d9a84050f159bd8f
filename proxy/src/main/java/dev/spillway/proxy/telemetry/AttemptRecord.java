package dev.spillway.proxy.telemetry;

import dev.spillway.proxy.resilience.budget.Spend;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One upstream attempt as telemetry sees it: when it started, its first token, what came back, how
 * it ended. Guarded by its {@link RequestTelemetry}'s lock.
 */
public final class AttemptRecord {
  /** CANCELLED: the client left or a hedge was not needed; OVERTAKEN: its hedge answered first. */
  public enum Outcome {
    IN_FLIGHT, SUCCESS, FAILURE, CANCELLED, OVERTAKEN;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The outcome as metrics label it: made once, not per recorded attempt. */
    public String label() {
      return label;
    }
  }

  private final Attempt attempt;
  private final int fallbackDepth;
  private final long startNanos;
  private final ResponseFacts response;
  private long firstTokenNanos = -1;
  private long endNanos = -1;
  private Outcome outcome = Outcome.IN_FLIGHT;
  private ProviderFailure failure;
  private FailureClass failureClass;

  AttemptRecord(Attempt attempt, int fallbackDepth, long startNanos, boolean captureContent) {
    this.attempt = attempt;
    this.fallbackDepth = fallbackDepth;
    this.startNanos = startNanos;
    this.response = new ResponseFacts(captureContent);
  }

  void firstToken(long nanos) {
    if (firstTokenNanos < 0) {
      firstTokenNanos = nanos;
    }
  }

  void ended(Outcome how, long nanos, ProviderFailure failure, FailureClass failureClass) {
    this.outcome = how;
    this.endNanos = nanos;
    this.failure = failure;
    this.failureClass = failureClass;
  }

  ResponseFacts response() {
    return response;
  }

  public Attempt attempt() {
    return attempt;
  }

  public TargetConfig target() {
    return attempt.candidate().target();
  }

  public AccountConfig account() {
    return attempt.call().account();
  }

  /** 0 for the first attempt of a request, 1 for the first fallback… */
  public int fallbackDepth() {
    return fallbackDepth;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** When it started ({@link System#nanoTime}). */
  public long startNanos() {
    return startNanos;
  }

  public long durationNanos() {
    return endNanos - startNanos;
  }

  /** Time to first token in nanoseconds, or -1 when none was seen (plain calls, failures). */
  public long timeToFirstTokenNanos() {
    return firstTokenNanos < 0 ? -1 : firstTokenNanos - startNanos;
  }

  public ProviderFailure failure() {
    return failure;
  }

  public FailureClass failureClass() {
    return failureClass;
  }

  public String responseId() {
    return response.id();
  }

  public String responseModel() {
    return response.model();
  }

  public List<String> finishReasons() {
    return response.finishReasons();
  }

  public Usage usage() {
    return response.usage();
  }

  public String content() {
    return response.content();
  }

  public double costUsd() {
    return outcome == Outcome.SUCCESS ? Spend.of(usage(), target().pricing()) : 0;
  }

  /**
   * The GenAI semantic conventions' {@code error.type}: the HTTP status for an HTTP error, else a
   * low-cardinality kind ({@code timeout}, {@code connect}, {@code protocol}, {@code cancelled});
   * null on success.
   */
  public String errorType() {
    if (outcome == Outcome.CANCELLED) {
      return "cancelled";
    }
    if (outcome == Outcome.OVERTAKEN) {
      return "overtaken_by_hedge";
    }
    if (failure == null) {
      return null;
    }
    return failure.kind() == ProviderFailure.Kind.HTTP && failure.status() > 0
        ? Integer.toString(failure.status())
        : failure.kind().name().toLowerCase(Locale.ROOT);
  }

  /** {@code gen_ai.provider.name}: the conventions' well-known names, a custom one where none fits. */
  public String providerName() {
    ProviderKind kind = account().provider();
    return switch (kind) {
      case OPENAI -> account().azureDeployments() ? "azure.ai.openai" : "openai";
      case ANTHROPIC -> "anthropic";
      case GEMINI -> "gcp.gemini";
      case BEDROCK -> "aws.bedrock";
      case VERTEX -> "gcp.vertex_ai";
      case OPENAI_COMPATIBLE -> "openai_compatible";
      case SIMULATED -> "spillway.simulated";
    };
  }

  public static double seconds(long nanos) {
    return nanos / (double) TimeUnit.SECONDS.toNanos(1);
  }
}
