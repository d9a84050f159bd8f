package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.QualityConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Quality probes: for each policy with a {@code quality.probe}, a golden request to each of its
 * targets every interval, judged by the policy's checks and the expected text, straight through the
 * target's adapter (never through the proxy's front door, so probes stay out of user metrics and
 * routing). Verdicts go to drift detection, which is how a demoted target that gets no traffic
 * shows it has recovered. Rate-limited: one probe per target per interval, and at most
 * {@link #MAX_IN_FLIGHT} at a time. Connection failures are the liveness checks' business, not
 * quality: they are not recorded.
 */
public final class QualityProber {
  static final int MAX_IN_FLIGHT = 4;
  /** Enough for a short answer, bounded so a probe's cost is known. */
  private static final int PROBE_MAX_TOKENS = 64;

  private final Supplier<Optional<Snapshot>> config;
  private final CredentialSource credentials;
  private final ChatChecks checks;
  private final DriftMonitor drift;
  private final Clock clock;
  private final Map<String, Long> lastProbeMs = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public QualityProber(
      Supplier<Optional<Snapshot>> config, CredentialSource credentials, QualityGuard guard, Clock clock) {
    this.config = config;
    this.credentials = credentials;
    this.checks = guard.chatChecks();
    this.drift = guard.drift();
    this.clock = clock;
  }

  /** Sends the probes that are due; the proxy calls this every second. */
  public void tick() {
    Optional<Snapshot> current = config.get();
    if (current.isEmpty()) {
      return;
    }
    Snapshot snapshot = current.get();
    RouterConfig router = snapshot.config();
    Set<String> seen = new HashSet<>();
    List<PolicyConfig> policies = new ArrayList<>(router.policies());
    policies.add(router.defaultPolicy());
    for (PolicyConfig policy : policies) {
      QualityConfig quality = policy.qualityOrDefaults();
      if (quality.probe() == null) {
        continue;
      }
      for (TargetConfig target : targets(router, policy)) {
        if (seen.add(target.id()) && due(target, quality.probe())) {
          probe(snapshot, target, quality);
        }
      }
    }
  }

  private static List<TargetConfig> targets(RouterConfig router, PolicyConfig policy) {
    List<TargetConfig> targets = new ArrayList<>();
    List<String> models = policy.route().isEmpty() ? List.copyOf(router.models().keySet()) : policy.route();
    for (String name : models) {
      ModelConfig model = router.models().get(name);
      if (model != null) {
        targets.addAll(model.targets());
      }
    }
    return targets;
  }

  private boolean due(TargetConfig target, QualityConfig.Probe probe) {
    Long last = lastProbeMs.get(target.id());
    return (last == null || clock.millis() - last >= probe.intervalMs())
        && inFlight.size() < MAX_IN_FLIGHT
        && !inFlight.contains(target.id());
  }

  private void probe(Snapshot snapshot, TargetConfig target, QualityConfig quality) {
    AccountConfig account = snapshot.config().account(target.account());
    ProviderAdapter adapter = snapshot.adapter(target.account());
    String apiKey = account == null || account.credentials() == null
        ? null : credentials.lookup(account.credentials()).orElse(null);
    if (account == null || adapter == null || (account.credentials() != null && apiKey == null)) {
      return;
    }
    lastProbeMs.put(target.id(), clock.millis());
    inFlight.add(target.id());
    ObjectNode request = request(target, quality.probe());
    TimeoutConfig timeouts = account.timeouts() != null ? account.timeouts() : TimeoutConfig.DEFAULTS;
    CompletableFuture<Completion> answer;
    try {
      answer = adapter.complete(new ProviderCall(target, account, request, apiKey, timeouts));
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.orTimeout(timeouts.requestMs(), TimeUnit.MILLISECONDS).whenComplete((completion, error) -> {
      inFlight.remove(target.id());
      if (completion != null) {
        ChatAnswer probed = ChatAnswer.of(completion.body());
        RequestExpectations expected = RequestExpectations.of(request);
        drift.recordProbe(target, verdict(probed, expected, quality), AnswerForm.of(probed.text(), expected),
            quality.driftMinSamples());
      }
    });
  }

  private Optional<String> verdict(ChatAnswer answer, RequestExpectations expected, QualityConfig quality) {
    Optional<String> failure = checks.failure(answer, expected, quality.checks()).map(CheckFailure::reason);
    String expect = quality.probe().expect();
    if (failure.isEmpty() && expect != null
        && !answer.text().toLowerCase(Locale.ROOT).contains(expect.toLowerCase(Locale.ROOT))) {
      return Optional.of("probe: expected \"" + expect + "\" in the answer");
    }
    return failure.map(reason -> "probe: " + reason);
  }

  private static ObjectNode request(TargetConfig target, QualityConfig.Probe probe) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("model", target.model());
    request.putArray("messages").addObject().put("role", "user").put("content", probe.prompt());
    request.put("max_tokens", PROBE_MAX_TOKENS);
    return request;
  }
}
