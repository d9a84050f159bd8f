package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.auth.Caller;
import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.consumers.ConsumerCharge;
import dev.spillway.proxy.consumers.ConsumerQuotas;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.failover.CallDeadline;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.PolicyMatcher;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.telemetry.CallObserver;
import io.undertow.server.HttpServerExchange;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns a parsed request into a routed call, the same way for every endpoint: the config in force,
 * the matching policy, the gate's arranged plan, the caller's admission (allowed model and policy,
 * its own quota, charged when the exchange ends), and a cursor over its candidates that reports to
 * the exchange's observer. In-memory work only, so it runs on the IO thread.
 */
public final class CallRouter {
  private final RuntimeConfig runtime;
  private final TargetGate gate;
  private final CredentialSource credentials;
  private final ConsumerQuotas consumers;

  public CallRouter(RuntimeConfig runtime, TargetGate gate, CredentialSource credentials, ConsumerQuotas consumers) {
    this.runtime = runtime;
    this.gate = gate;
    this.credentials = credentials;
    this.consumers = consumers;
  }

  /** A routed call: the config it routes on, the policy that matched, and its candidates. */
  public record Routed(RouterConfig config, PolicyConfig policy, CandidateCursor cursor) {}

  /** The config in force, or the 503 to answer before the first one is loaded. */
  public Snapshot snapshot() {
    return runtime.current().orElseThrow(() ->
        ApiError.of(503, "server_error", "not_ready", null, "No routing configuration is loaded yet"));
  }

  /**
   * @param shaper the body one candidate receives, from the client's
   */
  public Routed route(
      HttpServerExchange exchange,
      Snapshot snapshot,
      ObjectNode body,
      RequestFacts facts,
      BiFunction<ObjectNode, Candidate, ObjectNode> shaper) {
    Caller caller = Caller.of(exchange);
    return route(CallObserver.of(exchange), snapshot, body, facts, shaper, caller, plan -> {
      if (caller == null) {
        return gate;
      }
      ConsumerCharge charge = consumers.admit(caller, facts.model(), plan, facts.promptTokenEstimate());
      exchange.addExchangeCompleteListener((done, next) -> {
        charge.settle();
        next.proceed();
      });
      return charge.metering(gate);
    });
  }

  /**
   * A routed job, and what to do when it ends.
   *
   * @param settle charges the caller's quota with what the job used (once; nothing for an anonymous call)
   */
  public record RoutedJob(Routed routed, Runnable settle) {}

  /**
   * A call observed by its own observer rather than its exchange's: a job that outlives the
   * request that submitted it. Admitted against its caller's allowances and quota like any call
   * (403/429 are thrown here, before anything runs), but charged when the job ends, not when the
   * request does: the job's attempts run and report usage after the client has its id.
   *
   * @param caller who submitted the job, or null when auth is open and no key was given
   */
  public RoutedJob routeJob(
      CallObserver observer,
      Caller caller,
      Snapshot snapshot,
      ObjectNode body,
      RequestFacts facts,
      BiFunction<ObjectNode, Candidate, ObjectNode> shaper) {
    ConsumerCharge[] charge = new ConsumerCharge[1];
    Routed routed = route(observer, snapshot, body, facts, shaper, caller, plan -> {
      if (caller == null) {
        return gate;
      }
      charge[0] = consumers.admit(caller, facts.model(), plan, facts.promptTokenEstimate());
      return charge[0].metering(gate);
    });
    return new RoutedJob(routed, charge[0] == null ? () -> { } : charge[0]::settle);
  }

  /** @param admission the gate this call's attempts report to, once its plan is known (may refuse) */
  private Routed route(
      CallObserver observer,
      Snapshot snapshot,
      ObjectNode body,
      RequestFacts facts,
      BiFunction<ObjectNode, Candidate, ObjectNode> shaper,
      Caller caller,
      Function<Plan, TargetGate> admission) {
    RouterConfig config = snapshot.config();
    CallDeadline deadline = CallDeadline.from(facts.headers(), System.nanoTime());
    PolicyConfig policy = PolicyMatcher.match(config, facts, caller == null ? null : caller.name());
    Plan plan = gate.arrange(CandidatePlanner.plan(config, policy, facts), facts, body);
    CandidateCursor cursor = new CandidateCursor(
        plan, snapshot, body, facts.model(), admission.apply(plan), credentials, observer, shaper, deadline);
    observer.routed(body, facts, plan, cursor.log(), config.version());
    return new Routed(config, policy, cursor);
  }
}
