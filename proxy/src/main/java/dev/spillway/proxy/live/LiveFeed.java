package dev.spillway.proxy.live;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.events.Subscription;
import dev.spillway.proxy.events.TransitionLog;
import dev.spillway.proxy.live.CallEvents.Draft;
import dev.spillway.proxy.telemetry.CallSummary;
import dev.spillway.stats.TransitionsView.Entry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live page's bus. The request path only hands a finished call over ({@link #called}: a
 * lock-free offer to a bounded inbox, dropped and counted when full); one thread of its own,
 * woken every {@link #PUMP_MS} (not per call), turns calls, transitions and reloads into numbered
 * log lines, keeps the last {@link #RECENT_EVENTS}
 * lines and {@link #RECENT_DECISIONS} decisions for the panel, and offers each line to every viewer,
 * each of which buffers a bounded number and drops the rest.
 */
public final class LiveFeed implements AutoCloseable {
  public static final int INBOX = 4096;
  public static final int RECENT_EVENTS = 200;
  public static final int RECENT_DECISIONS = 20;
  public static final int MAX_VIEWERS = 256;
  /**
   * How often finished calls and the transition log's subscription are drained into the feed. Why
   * not a hand-over per call: waking the feed's thread for every call put a third runnable thread
   * next to the two IO threads on every call (0.9 context switches a call), on two cores
   * (docs/benchmarks.md, "The tail at 75 % of saturation"). At this period the inbox holds
   * {@link #INBOX} calls, 80k calls a second, before any is dropped.
   */
  static final long PUMP_MS = 50;
  private static final int TRANSITION_BUFFER = 1024;

  private final Clock clock;
  private final ThreadPoolExecutor worker;
  /**
   * Calls finished since the last pump; at most {@link #INBOX} ({@link #inboxSize}). Lock-free, not
   * an {@code ArrayBlockingQueue}: that queue's one lock is taken by both IO threads' offers and by
   * every poll of the pump, and an IO thread parked on it while the holder was preempted (a JFR
   * recording at saturation on two cores).
   */
  private final ConcurrentLinkedQueue<CallSummary> finished = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inboxSize = new AtomicInteger();
  private final Subscription transitions;
  private final ScheduledFuture<?> pump;
  private final CallEvents callEvents = new CallEvents();
  private final ArrayDeque<LiveEvent> events = new ArrayDeque<>(RECENT_EVENTS);
  private final ArrayDeque<Decided> decisions = new ArrayDeque<>(RECENT_DECISIONS);
  private final Map<String, Decided> lastByModel = new ConcurrentHashMap<>();
  private final Set<LiveViewer> viewers = ConcurrentHashMap.newKeySet();
  private final AtomicLong inboxDrops = new AtomicLong();
  private final AtomicLong viewerDrops = new AtomicLong();
  private long seq;

  public LiveFeed(TransitionLog log, ScheduledExecutorService timer, Clock clock) {
    this.clock = clock;
    // One thread and a bounded queue: a library executor whose rejection is our "drop and count".
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(INBOX), runnable -> {
      Thread thread = new Thread(runnable, "spillway-live");
      thread.setDaemon(true);
      return thread;
    }, (task, executor) -> inboxDrops.incrementAndGet());
    this.transitions = log.subscribe(TRANSITION_BUFFER);
    this.pump = timer.scheduleWithFixedDelay(() -> worker.execute(this::drain), PUMP_MS, PUMP_MS, TimeUnit.MILLISECONDS);
  }

  /** A call finished (on the thread that finished it): queued for the next pump, never waited for. */
  public void called(CallSummary call) {
    if (inboxSize.incrementAndGet() > INBOX) {
      inboxSize.decrementAndGet();
      inboxDrops.incrementAndGet();
      return;
    }
    finished.add(call);
  }

  /** A new config is in force. */
  public void configLoaded(RouterConfig config) {
    worker.execute(() -> {
      drainCalls(); // calls finished under the old config are told before the reload
      callEvents.retain(config.models().keySet());
      lastByModel.keySet().retainAll(config.models().keySet());
      publish(new Draft(LiveEventKind.CONFIG_RELOADED, null, null, "config " + config.version() + " loaded from "
          + config.source() + ": " + config.accounts().size() + " accounts, " + config.models().size() + " models, "
          + config.policies().size() + " policies", null));
    });
  }

  private void drain() {
    drainCalls();
    drainTransitions();
  }

  private void drainCalls() {
    for (CallSummary call = finished.poll(); call != null; call = finished.poll()) {
      inboxSize.decrementAndGet();
      RoutedCall routed = RoutedCall.of(call);
      if (routed != null && routed.decision() != null) {
        remember(routed.model(), new Decided(call, routed));
      }
      callEvents.of(call, routed, clock.millis()).forEach(this::publish);
    }
  }

  private void drainTransitions() {
    for (Entry entry : transitions.drain()) {
      // The log's messages say what happened; the line also says to whom.
      String subject = entry.target() != null ? entry.target() : entry.account();
      publish(new Draft(LiveEventKind.of(entry.kind()), null, subject, subject + ": " + entry.message(), null));
    }
  }

  private synchronized void remember(String model, Decided decision) {
    if (decisions.size() == RECENT_DECISIONS) {
      decisions.removeFirst();
    }
    decisions.addLast(decision);
    lastByModel.put(model, decision);
  }

  /**
   * A routed call whose decision the page may show: turned into its {@link DecisionView} (every
   * candidate's score) only when the page asks, since the feed keeps the last
   * {@link #RECENT_DECISIONS} of thousands of calls a second and building a view for each was 1.4 %
   * of a plain call's CPU.
   */
  private static final class Decided {
    private final CallSummary call;
    private final RoutedCall routed;
    private DecisionView view;

    Decided(CallSummary call, RoutedCall routed) {
      this.call = call;
      this.routed = routed;
    }

    synchronized DecisionView view() {
      if (view == null) {
        view = DecisionView.of(call, routed);
      }
      return view;
    }
  }

  /** Numbers the line, keeps it, and offers it to every viewer (under the lock, so a viewer attaching sees each line once). */
  private synchronized void publish(Draft draft) {
    CallSummary call = draft.call();
    String traceId = call == null ? null : call.traceId();
    LiveEvent event = new LiveEvent(++seq, clock.millis(), draft.kind(), draft.model(), draft.target(), draft.message(),
        traceId, call == null || traceId != null ? null : call.requestId());
    if (events.size() == RECENT_EVENTS) {
      events.removeFirst();
    }
    events.addLast(event);
    for (LiveViewer viewer : viewers) {
      if (!viewer.offer(event)) {
        viewerDrops.incrementAndGet();
      }
    }
  }

  /** The last lines, oldest first. */
  public synchronized List<LiveEvent> recentEvents() {
    return List.copyOf(events);
  }

  /** The last decisions, newest first. */
  public synchronized List<DecisionView> recentDecisions() {
    List<DecisionView> newestFirst = new ArrayList<>(decisions.size());
    decisions.descendingIterator().forEachRemaining(decided -> newestFirst.add(decided.view()));
    return newestFirst;
  }

  /** The last decision of a logical model, or null. */
  public DecisionView lastDecision(String model) {
    Decided decided = lastByModel.get(model);
    return decided == null ? null : decided.view();
  }

  /**
   * Starts offering new lines to the viewer.
   *
   * @return false when {@link #MAX_VIEWERS} watch already: each viewer holds a buffer, so their
   *     number is bounded too
   */
  public synchronized boolean attach(LiveViewer viewer) {
    if (viewers.size() >= MAX_VIEWERS) {
      return false;
    }
    return viewers.add(viewer);
  }

  public void detach(LiveViewer viewer) {
    viewers.remove(viewer);
  }

  public FeedStats stats() {
    return new FeedStats(viewers.size(), viewerDrops.get(), inboxDrops.get(), transitions.dropped());
  }

  @Override
  public void close() {
    pump.cancel(false);
    transitions.close();
    worker.shutdownNow();
  }
}
