package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.operator.stats.Cursor;
import dev.spillway.operator.stats.ReplicaSample;
import dev.spillway.operator.status.Events;
import dev.spillway.stats.TransitionKind;
import dev.spillway.stats.TransitionsView;
import dev.spillway.stats.TransitionsView.Entry;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns each replica's transition log into Events on the ProviderAccount concerned: every
 * transition once, even one that opened and closed a circuit between two scrapes. The cursor per
 * replica is kept between passes; each Event is named after the replica's run and the sequence
 * number, so a second attempt to record the same transition (after an operator restart, when the
 * cursors are gone) is refused by the API server as a duplicate instead of shown twice.
 *
 * <p>Budget thresholds are in the log too (for live pages) but are reported from the summed spend
 * of all replicas ({@link LiveEvents}), since a budget belongs to the account, not to one replica.
 */
final class TransitionEvents {
  static final String TRANSITIONS_MISSED = "TransitionsMissed";

  private final Events events;

  TransitionEvents(Events events) {
    this.events = events;
  }

  /** @param cursors pod → where its log was read up to; advanced here, replicas gone are dropped */
  void report(Router router, ResourceSet resources, List<ReplicaSample> samples, Map<String, Cursor> cursors) {
    Map<String, ProviderAccount> accounts = resources.accounts().stream()
        .collect(Collectors.toMap(a -> a.getMetadata().getName(), a -> a, (a, b) -> a));
    Set<String> pods = samples.stream().map(ReplicaSample::pod).collect(Collectors.toSet());
    cursors.keySet().retainAll(pods);
    for (ReplicaSample sample : samples) {
      TransitionsView log = sample.transitions();
      if (log == null) {
        continue; // not answering: read from the same cursor next time
      }
      for (Entry entry : log.transitions()) {
        ProviderAccount account = accounts.get(entry.account());
        if (account != null && entry.kind() != TransitionKind.BUDGET_THRESHOLD) {
          events.once(account, eventName(account, log.instance(), entry.seq()), entry.kind().warning(),
              reason(entry.kind()), message(sample.pod(), entry));
        }
      }
      if (log.gap()) {
        events.warning(router, TRANSITIONS_MISSED, "Replica " + sample.pod()
            + " dropped transitions before the operator read them: its log is bounded and the last read was long ago");
      }
      cursors.put(sample.pod(), new Cursor(log.instance(), log.next()));
    }
  }

  private static String eventName(ProviderAccount account, String instance, long seq) {
    return account.getMetadata().getName() + "." + instance + "." + seq;
  }

  /** {@code CIRCUIT_OPENED} → {@code CircuitOpened}. */
  static String reason(TransitionKind kind) {
    return Arrays.stream(kind.name().split("_"))
        .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
        .collect(Collectors.joining());
  }

  private static String message(String pod, Entry entry) {
    return (entry.target() == null ? "" : "Target " + entry.target() + ": ") + entry.message()
        + " (replica " + pod + ")";
  }
}
