package dev.spillway.stats;

import java.util.List;

/**
 * The JSON document a proxy replica serves at {@code GET /v1/spillway/transitions?after=<seq>}: the
 * transitions it logged after that sequence number, oldest first. The operator reads it with a
 * cursor on every pass, so a circuit that opens and closes between two scrapes is still seen.
 *
 * <pre>
 * {"instance": "7f3a9c01b2d4", "startedAtMs": 1764964800000, "next": 42, "gap": false,
 *  "transitions": [{"seq": 41, "atMs": 1764964861234, "kind": "CIRCUIT_OPENED",
 *                   "account": "openai", "target": "openai/gpt-4o-mini", "message": "…"}]}
 * </pre>
 *
 * @param instance this run of the replica: a new value after a restart, when sequence numbers
 *     start again from 1 (a reader's cursor from before means nothing then)
 * @param startedAtMs when this run started
 * @param next the cursor for the next read: the last sequence number returned, or the reader's own
 *     when nothing is new
 * @param gap true when transitions after the reader's cursor were already dropped (the log is
 *     bounded and the reader was away too long): it missed some
 */
public record TransitionsView(String instance, long startedAtMs, long next, boolean gap, List<Entry> transitions) {

  public TransitionsView {
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
  }

  /**
   * One transition.
   *
   * @param seq sequence number in this run, from 1, without holes
   * @param account the ProviderAccount it concerns
   * @param target the target ({@code account/model}), null for account-wide ones (budget)
   */
  public record Entry(long seq, long atMs, TransitionKind kind, String account, String target, String message) {}
}
