package dev.spillway.proxy.eval;

import dev.spillway.proxy.eval.EvalReport.SideSummary;
import dev.spillway.proxy.eval.EvalReport.TagScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The offline gate's output: per case and per tag, both sides, the reason class of each shortfall. */
public final class ReportTable {
  private ReportTable() {}

  public static String render(EvalReport report) {
    StringBuilder out = new StringBuilder();
    out.append("ModelRollout ").append(report.rollout()).append(": incumbent ").append(report.incumbentTarget())
        .append(", candidate ").append(report.candidateTarget()).append(", ").append(report.cases().size())
        .append(" cases\n\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CASE", "TAGS", "INCUMBENT", "CANDIDATE", "REASON", "DETAIL"});
    for (CaseResult result : report.cases()) {
      rows.add(new String[] {result.name(), String.join(",", result.tags()), side(result.incumbent()),
          side(result.candidate()), reason(result), detail(result)});
    }
    columns(out, rows);
    out.append('\n');
    if (!report.tags().isEmpty()) {
      List<String[]> tagRows = new ArrayList<>();
      tagRows.add(new String[] {"TAG", "CASES", "INCUMBENT", "CANDIDATE"});
      for (TagScores tag : report.tags()) {
        tagRows.add(new String[] {tag.tag(), String.valueOf(tag.cases()), score(tag.incumbent()),
            score(tag.candidate())});
      }
      columns(out, tagRows);
      out.append('\n');
    }
    List<String[]> totals = new ArrayList<>();
    totals.add(new String[] {"SIDE", "SCORE", "MEDIAN LATENCY", "COST", "FAILED CALLS"});
    totals.add(total("incumbent", report.incumbent()));
    totals.add(total("candidate", report.candidate()));
    columns(out, totals);
    if (report.judgeCalls() > 0) {
      out.append(String.format(Locale.ROOT, "judge: %d calls, $%.4f%n", report.judgeCalls(), report.judgeCostUsd()));
    }
    out.append('\n');
    if (report.verdict().passed()) {
      out.append("GATE PASSED: the candidate may go on\n");
    } else {
      out.append("GATE FAILED\n");
      report.verdict().reasons().forEach(reason -> out.append("  - ").append(reason).append('\n'));
    }
    return out.toString();
  }

  private static String side(SideResult side) {
    return score(side.score());
  }

  private static String score(double score) {
    return String.format(Locale.ROOT, "%.2f", score);
  }

  /** The lower side's reason for a difference; each side's reason when both fell short alike. */
  private static String reason(CaseResult result) {
    if (result.differs()) {
      Reason reason = result.lower().reason();
      return reason.wireName() + " (" + result.lowerSide().wireName() + (reason.harness() ? ", harness" : "") + ")";
    }
    if (result.candidate().reason() != null || result.incumbent().reason() != null) {
      return "both: " + name(result.incumbent().reason()) + " / " + name(result.candidate().reason());
    }
    return "";
  }

  private static String name(Reason reason) {
    return reason == null ? "-" : reason.wireName();
  }

  private static String detail(CaseResult result) {
    SideResult lower = result.differs() ? result.lower() : result.candidate();
    return lower.detail() == null ? "" : lower.detail();
  }

  private static String[] total(String name, SideSummary side) {
    return new String[] {name, String.format(Locale.ROOT, "%.3f", side.score()), side.medianLatencyMs() + " ms",
        String.format(Locale.ROOT, "$%.4f", side.costUsd()), String.valueOf(side.failedCalls())};
  }

  private static void columns(StringBuilder out, List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
