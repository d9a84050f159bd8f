package dev.spillway.proxy.cli.top;

import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.live.DecisionView;
import dev.spillway.proxy.live.DecisionView.CandidateView;
import dev.spillway.proxy.live.LiveEvent;
import dev.spillway.proxy.live.LiveEventKind;
import dev.spillway.proxy.live.Panel;
import dev.spillway.proxy.live.Panel.ModelPanel;
import dev.spillway.proxy.live.Panel.TargetPanel;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live page as text: the replica, each model's targets against its policy's thresholds, the
 * last decision's candidates and the last lines of the log. Pure: a panel in, a string out.
 */
public final class PanelRenderer {
  private static final String TARGET_ROW = "  %-30s %5s %8s %8s %7s  %-22s %5s %16s %8s";
  private static final String CANDIDATE_ROW = "  %-30s %5s %6s %7s %7s %5s %8s  %s";

  private final Ansi ansi;
  private final ZoneId zone;
  private final int logLines;
  private final ClusterSection cluster;

  /** @param logLines how many of the log's last lines to show */
  public PanelRenderer(Ansi ansi, ZoneId zone, int logLines) {
    this.ansi = ansi;
    this.cluster = new ClusterSection(ansi);
    this.zone = zone;
    this.logLines = logLines;
  }

  public String render(Panel panel) {
    List<String> out = new ArrayList<>();
    Panel.Replica replica = panel.replica();
    out.add(ansi.bold("Spillway live") + " · replica " + replica.host() + " · run " + replica.instance() + " · config "
        + (replica.configVersion() == null ? "none yet" : replica.configVersion()) + " · " + time(panel.atMs()));
    for (ModelPanel model : panel.models()) {
      out.add("");
      model(model, out);
    }
    if (panel.cluster() != null) {
      out.add("");
      cluster.render(panel.cluster(), out);
    }
    if (!panel.decisions().isEmpty()) {
      out.add("");
      decision(panel.decisions().get(0), out);
    }
    out.add("");
    out.add(ansi.bold("log") + ansi.dim(" (" + panel.feed().viewers() + " viewer(s) streaming; dropped: "
        + panel.feed().viewerDrops() + " for slow viewers, " + panel.feed().inboxDrops() + " calls)"));
    List<LiveEvent> events = panel.events();
    for (LiveEvent event : events.subList(Math.max(0, events.size() - logLines), events.size())) {
      out.add("  " + line(event));
    }
    return String.join("\n", out) + "\n";
  }

  private void model(ModelPanel model, List<String> out) {
    DecisionView last = model.lastDecision();
    String serving;
    if (last == null) {
      serving = ansi.dim("no calls yet");
    } else if (last.servedBy() == null) {
      serving = ansi.red("last call not served (HTTP " + last.status() + ")");
    } else if (!model.targets().isEmpty() && model.targets().get(0).id().equals(last.servedBy())) {
      serving = ansi.green("serving " + last.servedBy() + " (primary)");
    } else {
      serving = ansi.yellow("serving " + last.servedBy() + " (fallback)");
    }
    out.add(ansi.bold(model.name()) + "  " + serving + ansi.dim("  policy " + model.policy() + ": "
        + thresholds(model.thresholds())));
    out.add(ansi.dim(String.format(Locale.ROOT, TARGET_ROW, "TARGET", "SHARE", "P95", "ERRORS", "DRIFT", "CIRCUIT",
        "ADMIT", "BUDGET LEFT", "HEADROOM")));
    for (TargetPanel target : model.targets()) {
      String circuit = target.circuit().toLowerCase(Locale.ROOT).replace('_', '-')
          + (target.rampStep() == null ? "" : " ramp " + target.rampStep());
      String row = String.format(Locale.ROOT, TARGET_ROW, cut(target.id() + (target.primary() ? " *" : ""), 30),
          Math.round(target.sharePercent()) + "%", target.calls() == 0 ? "-" : Math.round(target.p95Ms()) + "ms",
          target.calls() == 0 ? "-" : percent(target.errorRate()) + (target.overErrorRate() ? "!" : ""),
          String.format(Locale.ROOT, "%.1fσ", target.driftSigma()) + (target.drifting() ? "!" : ""),
          circuit, target.admitPercent() + "%",
          target.budgetUsd() == null ? "-" : usd(target.budgetRemainingUsd()) + "/" + usd(target.budgetUsd()),
          percent(target.limitHeadroom()));
      out.add(switch (target.circuit()) {
        case "OPEN" -> ansi.red(row);
        case "HALF_OPEN", "RECOVERING" -> ansi.yellow(row);
        default -> target.overLatency() || target.overErrorRate() || target.drifting() ? ansi.red(row) : row;
      });
    }
  }

  private void decision(DecisionView decision, List<String> out) {
    String asked = decision.model().equals(decision.requestedModel()) ? "" : " (asked for " + decision.requestedModel() + ")";
    out.add(ansi.bold("last decision") + " " + time(decision.atMs()) + " " + decision.model() + asked + " → "
        + (decision.servedBy() == null ? "not served" : decision.servedBy()) + " (" + decision.attempts()
        + " attempt(s), " + decision.latencyMs() + " ms) " + ansi.dim(traceOf(decision.traceId(), decision.requestId())));
    out.add("  chose " + (decision.chosen() == null ? "none" : decision.chosen()) + ": " + decision.reason()
        + (decision.fallbackReason() == null ? "" : "; fell back: " + decision.fallbackReason()));
    out.add(ansi.dim(String.format(Locale.ROOT, CANDIDATE_ROW, "CANDIDATE", "SCORE", "HEALTH", "LATENCY", "QUALITY",
        "COST", "HEADROOM", "STANDING")));
    for (CandidateView candidate : decision.candidates()) {
      out.add(String.format(Locale.ROOT, CANDIDATE_ROW, cut(candidate.target(), 30), two(candidate.score()),
          two(candidate.health()), two(candidate.latency()), two(candidate.quality()), two(candidate.cost()),
          two(candidate.headroom()), candidate.standing().toLowerCase(Locale.ROOT)
              + (candidate.reason() == null ? "" : ": " + candidate.reason())));
    }
  }

  private String line(LiveEvent event) {
    String kind = String.format(Locale.ROOT, "%-19s", event.kind().wireName());
    String colored = switch (event.kind()) {
      case FAILOVER, CALL_FAILED, CIRCUIT_OPENED, DRIFT_ALARM, HEALTH_CHECK_FAILED -> ansi.red(kind);
      case RECOVERED, CIRCUIT_CLOSED, DRIFT_CLEARED -> ansi.green(kind);
      case CONFIG_RELOADED -> kind;
      default -> ansi.yellow(kind);
    };
    return "[" + time(event.atMs()) + "] " + colored + " " + event.message()
        + (event.kind() == LiveEventKind.CONFIG_RELOADED ? "" : ansi.dim(traceOf(event.traceId(), event.requestId())));
  }

  private static String traceOf(String traceId, String requestId) {
    return traceId != null ? "  trace " + traceId : requestId != null ? "  request " + requestId : "";
  }

  private static String thresholds(TriggersConfig triggers) {
    List<String> parts = new ArrayList<>();
    if (triggers.latencyP95Ms() != null) {
      parts.add("p95 ≤ " + triggers.latencyP95Ms() + "ms");
    }
    if (triggers.errorRate() != null) {
      parts.add("errors ≤ " + percent(triggers.errorRate()));
    }
    if (triggers.qualityDriftSigma() != null) {
      parts.add("drift ≤ " + triggers.qualityDriftSigma() + "σ");
    }
    return parts.isEmpty() ? "no demotion thresholds" : String.join(", ", parts);
  }

  private String time(long epochMs) {
    return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone).format(Instant.ofEpochMilli(epochMs));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String two(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String usd(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "$%.2f", value);
  }

  private static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
