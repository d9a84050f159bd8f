package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What adapters share: the one ObjectMapper, a scheduler for timers (simulated latency), an
 * executor for HTTP client callbacks, and a clock (injectable in tests).
 */
public record ProviderContext(
    ObjectMapper mapper, ScheduledExecutorService scheduler, Executor executor, Clock clock) {}
