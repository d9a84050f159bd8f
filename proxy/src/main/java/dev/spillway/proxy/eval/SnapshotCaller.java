package dev.spillway.proxy.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.resilience.budget.Spend;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.quality.ChatAnswer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Calls targets through the adapters of the config in force, with the proxy's own credentials:
 * evaluation runs where the keys are. Bounded by the account's request timeout.
 */
public final class SnapshotCaller implements TargetCaller {
  private final Supplier<Optional<Snapshot>> snapshots;
  private final CredentialSource credentials;
  private final LongSupplier nanoTime;
  private final EvalCallObserver observer;

  /** @param nanoTime a monotonic clock for latencies (System::nanoTime outside tests) */
  public SnapshotCaller(Supplier<Optional<Snapshot>> snapshots, CredentialSource credentials, LongSupplier nanoTime,
      EvalCallObserver observer) {
    this.snapshots = snapshots;
    this.credentials = credentials;
    this.nanoTime = nanoTime;
    this.observer = observer;
  }

  @Override
  public CompletableFuture<EvalAnswer> call(String rollout, Arm arm, TargetConfig target, ObjectNode request) {
    Snapshot snapshot = snapshots.get().orElse(null);
    AccountConfig account = snapshot == null ? null : snapshot.config().account(target.account());
    ProviderAdapter adapter = snapshot == null ? null : snapshot.adapter(target.account());
    if (account == null || adapter == null) {
      return CompletableFuture.completedFuture(EvalAnswer.failed(0, "unknown account " + target.account()));
    }
    String apiKey = account.credentials() == null ? null : credentials.lookup(account.credentials()).orElse(null);
    if (account.credentials() != null && apiKey == null) {
      return CompletableFuture.completedFuture(EvalAnswer.failed(0, "missing credential of account " + account.name()));
    }
    TimeoutConfig timeouts = account.timeouts() != null ? account.timeouts() : TimeoutConfig.DEFAULTS;
    long started = nanoTime.getAsLong();
    CompletableFuture<EvalAnswer> answer;
    try {
      answer = adapter.complete(new ProviderCall(target, account, request, apiKey, timeouts))
          .orTimeout(timeouts.requestMs(), TimeUnit.MILLISECONDS)
          .handle((completion, error) -> {
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - started);
            return error != null ? EvalAnswer.failed(latencyMs, describe(error))
                : new EvalAnswer(ChatAnswer.of(completion.body()), latencyMs,
                    Spend.of(completion.usage(), target.pricing()), null);
          });
    } catch (RuntimeException failed) {
      answer = CompletableFuture.completedFuture(EvalAnswer.failed(0, describe(failed)));
    }
    return answer.whenComplete((done, ignored) -> observer.called(rollout, arm, target, done));
  }

  private static String describe(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ProviderFailure failure) {
      return failure.summary();
    }
    if (cause instanceof TimeoutException) {
      return "timed out";
    }
    return cause.getClass().getSimpleName();
  }
}
