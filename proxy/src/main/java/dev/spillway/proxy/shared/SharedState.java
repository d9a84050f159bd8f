package dev.spillway.proxy.shared;

import dev.spillway.stats.StatsView;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's link to the shared state: one Lettuce connection (commands from every thread are
 * pipelined on it, which is how writes are batched), whether Redis answers now, and how many
 * replicas are alive. A background tick every {@link #TICK_MS} ms sends this replica's heartbeat,
 * counts the live replicas and refreshes the shared marks; while Redis is gone it tries to reach it
 * again, and when it answers runs the reconcilers (local spend pushed back, and the like).
 *
 * <p>A command that fails, or {@link #LATE_IN_A_ROW} admissions in a row that outlive their bound,
 * turn shared state off: later calls decide locally without trying Redis, until the tick finds it
 * back. (A single late answer is a loaded machine's hiccup: that call alone decides locally.) One
 * log line says each turn.
 */
public final class SharedState implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedState.class);
  static final long TICK_MS = 250;
  /** A replica whose heartbeat is older than this is no longer counted as alive. */
  static final long REPLICA_TTL_MS = 3_000;
  /** Bound on the tick's own commands (heartbeat, marks, pings): off the request path, so looser. */
  static final Duration TICK_TIMEOUT = Duration.ofSeconds(1);
  static final int LATE_IN_A_ROW = 3;
  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

  private final SharedStateOptions options;
  private final Clock clock;
  private final String replicaId = UUID.randomUUID().toString();
  private final ClientResources resources;
  private final RedisClient client;
  private final ScheduledExecutorService timer;
  private final List<Runnable> reconcilers = new CopyOnWriteArrayList<>();
  private final SharedMarks marks;
  private final LongAdder localDecisions = new LongAdder();
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile boolean up;
  private volatile int replicas = 1;
  private volatile boolean closed;
  /** Outages so far: local fallback state is made afresh for each. */
  private volatile long outages;
  /** Admissions in a row that outlived their bound; a few in a row mean Redis is slow, not unlucky. */
  private final AtomicInteger lateInARow = new AtomicInteger();

  private SharedState(SharedStateOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.resources = DefaultClientResources.builder()
        .ioThreadPoolSize(2) // Lettuce's minimum; one pipelined connection needs no more
        .computationThreadPoolSize(2)
        // Reconnect attempts back off, but never wait longer than this once Redis is back.
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
        .build();
    RedisURI.Builder uri = RedisURI.builder()
        .withHost(options.address().getHost())
        .withPort(options.port())
        .withSsl(options.tls())
        .withTimeout(TICK_TIMEOUT);
    if (options.password() != null) {
      uri.withPassword(options.password().toCharArray());
    }
    this.client = RedisClient.create(resources, uri.build());
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // A command while disconnected fails at once instead of queueing without bound.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(TICK_TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(TICK_TIMEOUT))
        .build());
    this.marks = new SharedMarks(this);
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "spillway-shared-state");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts linking to the server in the background: the proxy starts even when Redis is down. */
  public static SharedState open(SharedStateOptions options, Clock clock) {
    SharedState state = new SharedState(options, clock);
    state.timer.scheduleWithFixedDelay(state::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    return state;
  }

  public SharedStateOptions options() {
    return options;
  }

  /** Whether decisions are shared now (false: Redis is gone and this replica decides alone). */
  public boolean up() {
    return up;
  }

  /** How many times shared state went off since this replica started. */
  public long outages() {
    return outages;
  }

  /** Replicas alive at the last heartbeat (at least this one): local limits are divided by it. */
  public int replicas() {
    return replicas;
  }

  public SharedMarks marks() {
    return marks;
  }

  /** Runs when shared state comes back after an outage, on the tick's thread. */
  public void onReconnect(Runnable reconciler) {
    reconcilers.add(reconciler);
  }

  /** {@code prefix:part:part…}: every key of this router. */
  public String key(String... parts) {
    return options.keyPrefix() + ":" + String.join(":", parts);
  }

  /**
   * Runs a command and waits for its answer at most the admission timeout: null when shared state
   * is off, or the command failed or was late (which turns it off). Counts each local decision.
   */
  public <T> T await(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
    StatefulRedisConnection<String, String> link = connection;
    if (!up || link == null) {
      localDecisions.increment();
      return null;
    }
    try {
      T answer = command.apply(link.async()).toCompletableFuture()
          .get(options.admitTimeout().toNanos(), TimeUnit.NANOSECONDS);
      lateInARow.set(0);
      return answer;
    } catch (TimeoutException e) {
      if (lateInARow.incrementAndGet() >= LATE_IN_A_ROW) {
        down(e);
      }
      localDecisions.increment();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      localDecisions.increment();
      return null;
    } catch (Exception e) {
      down(e);
      localDecisions.increment();
      return null;
    }
  }

  /** Sends a command without waiting; a failure turns shared state off. Not sent while it is off. */
  public <T> CompletionStage<T> send(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
    StatefulRedisConnection<String, String> link = connection;
    if (!up || link == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("shared state is off"));
    }
    CompletionStage<T> sent = command.apply(link.async());
    sent.whenComplete((result, failure) -> {
      if (failure != null) {
        down(failure);
      }
    });
    return sent;
  }

  /** A script by its digest, loading it when the server does not know it (a restarted server forgets). */
  static <T> CompletionStage<T> eval(RedisAsyncCommands<String, String> redis, LuaScript script, ScriptOutputType type,
      String[] keys, String... args) {
    return redis.<T>evalsha(script.sha(), type, keys, args).exceptionallyCompose(failure -> {
      String message = String.valueOf(failure.getMessage());
      return message.contains("NOSCRIPT") ? redis.<T>eval(script.text(), type, keys, args)
          : CompletableFuture.failedFuture(failure);
    });
  }

  long nowMs() {
    return clock.millis();
  }

  private void tick() {
    if (closed) {
      return;
    }
    try {
      if (connection == null) {
        connection = client.connect();
      }
      RedisAsyncCommands<String, String> redis = connection.async();
      long now = clock.millis();
      String key = key("replicas");
      redis.zadd(key, now, replicaId);
      redis.zremrangebyscore(key, io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY, (double) now - REPLICA_TTL_MS));
      long alive = redis.zcard(key).get(TICK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      replicas = (int) Math.max(1, alive);
      marks.refresh(redis, now);
      if (!up) {
        lateInARow.set(0);
        up = true;
        LOG.info("shared state at {} answers again: limits, budgets and marks are shared ({} replicas)",
            options.address(), replicas);
        reconcilers.forEach(SharedState::quietly);
      }
    } catch (Exception e) {
      down(e);
    }
  }

  private static void quietly(Runnable reconciler) {
    try {
      reconciler.run();
    } catch (RuntimeException e) {
      LOG.warn("reconciling shared state failed: {}", e.toString());
    }
  }

  private void down(Throwable cause) {
    if (up && !closed) {
      outages++;
      up = false;
      LOG.warn("shared state at {} unreachable ({}): deciding locally, limits divided by {} replicas, "
          + "budgets continuing from the last known spend", options.address(), rootMessage(cause), replicas);
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  /** For the stats endpoint (and so the Router's status): shared or deciding alone, and the live replicas. */
  public StatsView.SharedStateStats stats() {
    return new StatsView.SharedStateStats(
        up ? StatsView.SharedStateMode.SHARED : StatsView.SharedStateMode.LOCAL_FALLBACK, replicas);
  }

  /** {@code spillway_shared_state_up}, {@code _replicas} and {@code _local_decisions_total}. */
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("spillway.shared.state.up", this, s -> s.up ? 1 : 0)
        .description("1 while limits, budgets and marks are shared through Redis; 0 while this replica decides alone")
        .register(registry);
    Gauge.builder("spillway.shared.state.replicas", this, s -> s.replicas)
        .description("Replicas alive at the last heartbeat; local limits are divided by it while Redis is gone")
        .register(registry);
    FunctionCounter.builder("spillway.shared.state.local.decisions", localDecisions, LongAdder::sum)
        .description("Admissions decided by this replica alone because shared state was off or late")
        .register(registry);
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    StatefulRedisConnection<String, String> link = connection;
    if (link != null && up) {
      try { // leave the live count at once rather than after the heartbeat expires
        link.async().zrem(key("replicas"), replicaId).get(TICK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.debug("leaving the replica count: {}", e.toString());
      }
    }
    if (link != null) {
      link.close();
    }
    client.shutdown(Duration.ZERO, TICK_TIMEOUT);
    resources.shutdown(0, TICK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
