package dev.spillway.proxy.config;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderAdapters;
import dev.spillway.proxy.providers.ProviderContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the {@link Snapshot} in force and swaps it atomically when a new config arrives. An account
 * whose config did not change keeps its adapter (and so its connection pool); adapters of changed or
 * removed accounts are closed once requests started on the old snapshot have had time to finish.
 */
public final class RuntimeConfig implements ConfigSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfig.class);
  /** Slack on top of the longest request timeout before a retired adapter is closed. */
  private static final long RETIRE_SLACK_MS = 5_000;

  private final ProviderContext context;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();

  public RuntimeConfig(ProviderContext context) {
    this.context = context;
  }

  /** The snapshot in force, empty until the first config arrives. */
  public Optional<Snapshot> current() {
    return Optional.ofNullable(current.get());
  }

  @Override
  public synchronized void accept(RouterConfig config) {
    Snapshot previous = current.get();
    Map<String, ProviderAdapter> adapters = new HashMap<>();
    int reused = 0;
    for (AccountConfig account : config.accounts().values()) {
      ProviderAdapter kept = unchangedAdapter(previous, account);
      if (kept != null) {
        reused++;
      }
      adapters.put(account.name(), kept != null ? kept : ProviderAdapters.create(account, context));
    }
    current.set(new Snapshot(config, adapters));
    if (previous != null) {
      retire(previous, adapters);
    }
    LOG.info(
        "config {} from {} in force: {} accounts ({} adapters reused), {} models, {} policies",
        config.version(),
        config.source(),
        config.accounts().size(),
        reused,
        config.models().size(),
        config.policies().size());
  }

  private static ProviderAdapter unchangedAdapter(Snapshot previous, AccountConfig account) {
    if (previous == null || !account.equals(previous.config().account(account.name()))) {
      return null;
    }
    return previous.adapter(account.name());
  }

  /** Closes the old adapters the new snapshot no longer uses, after in-flight calls are done. */
  private void retire(Snapshot previous, Map<String, ProviderAdapter> inUse) {
    long longest = 0;
    for (AccountConfig account : previous.config().accounts().values()) {
      if (account.timeouts() != null) {
        longest = Math.max(longest, account.timeouts().requestMs());
      }
    }
    long graceMs = longest + RETIRE_SLACK_MS;
    previous.adapters().values().stream()
        .filter(adapter -> !inUse.containsValue(adapter))
        .forEach(adapter -> context.scheduler().schedule(adapter::close, graceMs, TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() {
    Snapshot last = current.getAndSet(null);
    if (last != null) {
      last.adapters().values().forEach(ProviderAdapter::close);
    }
  }
}
