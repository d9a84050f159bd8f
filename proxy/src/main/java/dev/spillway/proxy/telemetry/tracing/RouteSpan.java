package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;

import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RoutingDecision;
import dev.spillway.proxy.routing.Skip;
import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;
import io.opentelemetry.api.trace.SpanKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The routing span of a call, from the plan to the first upstream call: the policy, the candidates
 * in order (each an event with its score), the choice and its reason, and the candidates skipped
 * meanwhile. Holds the plan until the call's spans are written.
 */
final class RouteSpan {
  /** Each standing as its attribute value, made once rather than lowercased per candidate per call. */
  private static final String[] STANDINGS = Arrays.stream(CandidateScore.Standing.values())
      .map(standing -> standing.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
  private final RequestFacts facts;
  private final Plan plan;
  private final long start;
  private final List<CallEvent.Skipped> skips = new ArrayList<>(0);
  private long end;
  private boolean ended;

  /** @param start when the call was routed (epoch nanoseconds) */
  RouteSpan(RequestFacts facts, Plan plan, long start) {
    this.facts = facts;
    this.plan = plan;
    this.start = start;
  }

  RequestFacts facts() {
    return facts;
  }

  Plan plan() {
    return plan;
  }

  boolean ended() {
    return ended;
  }

  void skipped(CallEvent.Skipped skip) {
    skips.add(skip);
  }

  /** The first upstream call starts (or the call ends without one) at {@code at}; later calls do nothing. */
  void end(long at) {
    if (!ended) {
      end = at;
      ended = true;
    }
  }

  void write(SpanWriter out, LocalSpanContext server) {
    String policy = plan.policy().name();
    List<Candidate> candidates = plan.candidates();
    List<String> order = new ArrayList<>(candidates.size());
    for (Candidate candidate : candidates) {
      order.add(candidate.id());
    }
    out.span("route " + policy, SpanKind.INTERNAL, server, server.child(), start, end)
        .string(POLICY, policy)
        .string(MODEL, facts.model())
        .strings(CANDIDATES, order)
        .number(MAX_ATTEMPTS, plan.maxAttempts());
    if (plan.caller().named()) {
      out.strings(CALLER_FALLBACKS, plan.caller().fallbacks()).string(ROUTING_MODE, plan.caller().mode().wireName());
    }
    RoutingDecision decision = plan.decision();
    if (decision != null) {
      out.string(CHOICE, decision.chosen() == null ? "none" : decision.chosen())
          .string(REASON, decision.reason())
          .string(STICKY, decision.sticky())
          .string(EXPERIMENT_ARM, decision.experimentArm());
    } else {
      // An unscored plan (a gate without scoring): candidates go in the policy's order.
      out.string(CHOICE, order.isEmpty() ? "none" : order.get(0))
          .string(REASON, order.isEmpty() ? "no candidate can serve this request" : "first in policy order");
    }
    for (int rank = 0; rank < candidates.size(); rank++) {
      Candidate candidate = candidates.get(rank);
      candidateEvent(out, candidate, rank, decision == null ? null : decision.score(candidate.id()));
    }
    for (Skip skip : plan.skipped()) {
      new CallEvent.Skipped(start, skip.target(), skip.reason()).write(out);
    }
    skips.forEach(skip -> skip.write(out));
    out.end();
  }

  private void candidateEvent(SpanWriter out, Candidate candidate, int rank, CandidateScore score) {
    out.event("candidate", start).string(CANDIDATE, candidate.id()).number(RANK, rank)
        .number(TIER, candidate.target().tier());
    if (score != null) {
      out.decimal(SCORE, score.score())
          .decimal(SCORE_HEALTH, score.health())
          .decimal(SCORE_LATENCY, score.latency())
          .decimal(SCORE_QUALITY, score.quality())
          .decimal(SCORE_COST, score.cost())
          .decimal(SCORE_HEADROOM, score.headroom())
          .string(STANDING, STANDINGS[score.standing().ordinal()])
          .string(CIRCUIT, score.circuit())
          .string(STANDING_REASON, score.reason());
    }
  }
}
