package dev.spillway.proxy.resilience.health;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.HealthProbe;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active health checks ({@code ProviderAccount.healthCheck}): each account that asks for them is
 * probed on its interval, straight through its adapter and off the request path — never through
 * the proxy's front door, so probes are never user traffic. A failed probe marks the account
 * failing at once, so routing skips it before a user call meets it; it returns after {@link
 * HealthCheckConfig#PASSES_TO_RECOVER} passing probes in a row. Results go to the listener
 * (metrics); a completion probe's tokens are reported as spend.
 */
public final class AccountProbes {
  private static final Logger LOG = LoggerFactory.getLogger(AccountProbes.class);

  /** Hears every probe's result, and each account that starts failing its checks. */
  public interface Listener {
    /** One probe: the target it named, whether it passed, the tokens it used. */
    void probed(TargetConfig probedWith, boolean passed, Usage usage);

    /** The account just started failing its checks (a transition: logged, an Event). */
    default void failing(TargetConfig probedWith, String reason) {}
  }

  private final Supplier<Optional<Snapshot>> config;
  private final CredentialSource credentials;
  private final ProbeResults results;
  private final Clock clock;
  private final Listener listener;
  private final Map<String, Long> lastProbeMs = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public AccountProbes(
      Supplier<Optional<Snapshot>> config, CredentialSource credentials, ProbeResults results, Clock clock,
      Listener listener) {
    this.config = config;
    this.credentials = credentials;
    this.results = results;
    this.clock = clock;
    this.listener = listener;
  }

  /** Sends the probes that are due; the proxy calls this every second. */
  public void tick() {
    Optional<Snapshot> current = config.get();
    if (current.isEmpty()) {
      return;
    }
    Snapshot snapshot = current.get();
    RouterConfig router = snapshot.config();
    results.retain(router.accounts().keySet());
    for (AccountConfig account : router.accounts().values()) {
      HealthCheckConfig check = account.healthCheck();
      if (check != null && check.enabled() && due(account.name(), check)) {
        firstTarget(router, account.name()).ifPresent(target -> probe(snapshot, account, target, check));
      }
    }
  }

  private boolean due(String account, HealthCheckConfig check) {
    Long last = lastProbeMs.get(account);
    return (last == null || clock.millis() - last >= check.intervalMs()) && !inFlight.contains(account);
  }

  /** The target a probe names: the account's first in config order (a completion needs a model). */
  private static Optional<TargetConfig> firstTarget(RouterConfig router, String account) {
    for (ModelConfig model : router.models().values()) {
      for (TargetConfig target : model.targets()) {
        if (target.account().equals(account)) {
          return Optional.of(target);
        }
      }
    }
    return Optional.empty();
  }

  private void probe(Snapshot snapshot, AccountConfig account, TargetConfig target, HealthCheckConfig check) {
    ProviderAdapter adapter = snapshot.adapter(account.name());
    String apiKey = account.credentials() == null ? null : credentials.lookup(account.credentials()).orElse(null);
    if (adapter == null) {
      return;
    }
    lastProbeMs.put(account.name(), clock.millis());
    if (account.credentials() != null && apiKey == null) {
      record(target, false, "missing credential", Usage.NONE);
      return;
    }
    inFlight.add(account.name());
    TimeoutConfig timeouts = new TimeoutConfig(Math.min(check.timeoutMs(), connectMs(account)), check.timeoutMs(),
        check.timeoutMs());
    ProviderCall call = new ProviderCall(target, account, oneToken(target), apiKey, timeouts);
    CompletableFuture<Usage> answer;
    try {
      answer = check.probe() == HealthProbe.MODELS
          ? adapter.listModels(call).thenApply(ignored -> Usage.NONE)
          : adapter.complete(call).thenApply(completion -> completion.usage());
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.orTimeout(check.timeoutMs(), TimeUnit.MILLISECONDS).whenComplete((usage, error) -> {
      inFlight.remove(account.name());
      record(target, error == null, error == null ? null : describe(error), usage == null ? Usage.NONE : usage);
    });
  }

  private void record(TargetConfig target, boolean passed, String failure, Usage usage) {
    if (results.record(target.account(), passed, failure)) {
      if (passed) {
        LOG.info("account {} passes its health checks again", target.account());
      } else {
        LOG.warn("account {} failed its health check ({}): skipped until it passes again", target.account(), failure);
        listener.failing(target, failure);
      }
    }
    listener.probed(target, passed, usage);
  }

  private static long connectMs(AccountConfig account) {
    return (account.timeouts() != null ? account.timeouts() : TimeoutConfig.DEFAULTS).connectMs();
  }

  /** A completion of one token: the cheapest call that proves the model serves. */
  private static com.fasterxml.jackson.databind.node.ObjectNode oneToken(TargetConfig target) {
    com.fasterxml.jackson.databind.node.ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("model", target.model()).put("max_tokens", 1);
    body.putArray("messages").addObject().put("role", "user").put("content", "ping");
    return body;
  }

  private static String describe(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ProviderFailure failure) {
      return failure.summary();
    }
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return "probe timed out";
    }
    return cause.getClass().getSimpleName();
  }
}
