package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.providers.http.EventLoopClient;
import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.secrets.KnownSecrets;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What adapters share: the one ObjectMapper, a scheduler for timers (simulated latency), an
 * executor for HTTP client callbacks, a clock (injectable in tests), and the server's event-loop
 * HTTP client for cleartext upstreams (null outside a server: adapters then use the JDK client),
 * the bounds every upstream answer is held to, and the process's known secrets (scrubbed from
 * every upstream byte).
 */
public record ProviderContext(
    ObjectMapper mapper,
    ScheduledExecutorService scheduler,
    Executor executor,
    Clock clock,
    EventLoopClient eventLoop,
    UpstreamLimits limits,
    KnownSecrets secrets) {

  /**
   * Without an event loop: every upstream call goes through the JDK HTTP client, with the default
   * limits, and no secrets known beyond each attempt's own key.
   */
  public ProviderContext(ObjectMapper mapper, ScheduledExecutorService scheduler, Executor executor, Clock clock) {
    this(mapper, scheduler, executor, clock, null, UpstreamLimits.DEFAULTS, new KnownSecrets());
  }
}
