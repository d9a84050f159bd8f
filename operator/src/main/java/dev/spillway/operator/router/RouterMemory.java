package dev.spillway.operator.router;

import dev.spillway.compiler.Problem;
import dev.spillway.operator.stats.Cursor;
import dev.spillway.operator.stats.LiveNumbers;
import dev.spillway.operator.status.Events;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the operator remembers about each Router between passes, in one place so that the Router's
 * deletion forgets all of it ({@link RouterReconciler#cleanup}).
 */
public final class RouterMemory {
  private final Map<String, Entry> byUid = new ConcurrentHashMap<>();
  private final Events events;
  private final Clock clock;

  public RouterMemory(Events events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /**
   * @param previousScrape replica totals at the previous scrape, so live numbers cover what followed
   * @param loggedRejection the problems last reported, so a standing rejection is reported once
   * @param liveEvents budget Events, with the thresholds already alerted
   * @param cursors pod → where its transition log was read up to
   */
  record Entry(AtomicReference<LiveNumbers> previousScrape, AtomicReference<List<Problem>> loggedRejection,
      LiveEvents liveEvents, Map<String, Cursor> cursors) {}

  Entry of(String routerUid) {
    return byUid.computeIfAbsent(routerUid, uid -> new Entry(new AtomicReference<>(), new AtomicReference<>(),
        new LiveEvents(events, clock), new ConcurrentHashMap<>()));
  }

  void forget(String routerUid) {
    byUid.remove(routerUid);
  }

  /** The Routers (by uid) something is remembered of. */
  public Set<String> remembered() {
    return Set.copyOf(byUid.keySet());
  }
}
