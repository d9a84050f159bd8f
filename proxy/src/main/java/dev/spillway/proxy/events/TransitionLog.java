package dev.spillway.proxy.events;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.resilience.breaker.BreakerState;
import dev.spillway.proxy.resilience.budget.BudgetAlert;
import dev.spillway.proxy.quality.DriftState;
import dev.spillway.stats.TransitionKind;
import dev.spillway.stats.TransitionsView;
import dev.spillway.stats.TransitionsView.Entry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The last {@code capacity} transitions of this replica, numbered from 1 without holes. Appends are
 * short and synchronized (transitions are rare: a circuit opening, a threshold crossed), so a hook
 * may call {@link #record} from wherever the transition happens, even under its own lock. A ring
 * rather than a library queue because readers need "everything after sequence n" and whether
 * something older was already dropped.
 */
public final class TransitionLog {
  public static final int DEFAULT_CAPACITY = 1024;
  /** Most entries one read returns; the reader comes back for the rest. */
  public static final int MAX_PAGE = 500;

  private final int capacity;
  private final Clock clock;
  private final String instance;
  private final long startedAtMs;
  private final ArrayDeque<Entry> entries;
  private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
  private long lastSeq;

  public TransitionLog(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.clock = clock;
    this.entries = new ArrayDeque<>(capacity);
    this.startedAtMs = clock.millis();
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    this.instance = HexFormat.of().formatHex(random);
  }

  /** A log for an engine no one reads (unit tests of the engine): holds only the last transition. */
  public static TransitionLog discarding() {
    return new TransitionLog(1, Clock.systemUTC());
  }

  /** A new run's id: changes when the replica restarts, so readers reset their cursor. */
  public String instance() {
    return instance;
  }

  /**
   * @param target the target it concerns, null for account-wide transitions
   */
  public void record(TransitionKind kind, String account, String target, String message) {
    Entry entry;
    synchronized (this) {
      entry = new Entry(++lastSeq, clock.millis(), kind, account, target, message);
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(entry);
    }
    subscribers.forEach(subscriber -> subscriber.offer(entry));
  }

  /** A target's circuit changed state (the breaker's hook). */
  public void circuit(String targetId, BreakerState state) {
    TransitionKind kind = switch (state) {
      case OPEN -> TransitionKind.CIRCUIT_OPENED;
      case HALF_OPEN -> TransitionKind.CIRCUIT_HALF_OPEN;
      case RECOVERING -> TransitionKind.CIRCUIT_RECOVERING;
      case CLOSED -> TransitionKind.CIRCUIT_CLOSED;
    };
    String message = switch (state) {
      case OPEN -> "circuit opened: calls go to other targets until a probe succeeds";
      case HALF_OPEN -> "circuit half-open: probe calls let through";
      case RECOVERING -> "circuit recovering: probes succeeded, traffic comes back in stages";
      case CLOSED -> "circuit closed: full traffic again";
    };
    // Target ids are account/model, and account names cannot hold a slash.
    record(kind, targetId.substring(0, Math.max(0, targetId.indexOf('/'))), targetId, message);
  }

  /** An account's budget crossed a threshold (the budget registry's listener). */
  public void budget(BudgetAlert alert) {
    record(TransitionKind.BUDGET_THRESHOLD, alert.account(), null, String.format(Locale.ROOT,
        "spent %.2f USD of the %s budget of %.2f USD: crossed %d%%%s", alert.spentUsd(), alert.period(),
        alert.amountUsd(), alert.percent(), alert.exhausted() ? "; exhausted, calls are now " + alert.action() : ""));
  }

  /** A target's quality drift alarm was raised or cleared (the drift monitor's listener). */
  public void drift(TargetConfig target, DriftState state) {
    record(state.drifting() ? TransitionKind.DRIFT_ALARM : TransitionKind.DRIFT_CLEARED, target.account(),
        target.id(), (state.drifting() ? "demoted: " : "no longer demoted: ") + state.reason());
  }

  /** What came after the reader's cursor (0 for everything still held), oldest first. */
  public synchronized TransitionsView after(long cursor, int limit) {
    long after = cursor > lastSeq ? 0 : Math.max(0, cursor); // a cursor from a previous run
    long oldest = entries.isEmpty() ? lastSeq + 1 : entries.peekFirst().seq();
    List<Entry> page = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.seq() > after && page.size() < Math.min(limit, MAX_PAGE)) {
        page.add(entry);
      }
    }
    long next = page.isEmpty() ? Math.max(after, oldest - 1) : page.get(page.size() - 1).seq();
    return new TransitionsView(instance, startedAtMs, next, after < oldest - 1, page);
  }

  /**
   * Pushes every transition from now on to a bounded buffer; when the reader falls behind, new
   * ones are dropped and counted rather than held (a slow page must not grow the proxy's memory).
   */
  public Subscription subscribe(int buffer) {
    Subscription subscription = new Subscription(buffer, subscribers::remove);
    subscribers.add(subscription);
    return subscription;
  }
}
