package dev.spillway.proxy.failover;

import dev.spillway.proxy.providers.Completion;

/** A plain call that succeeded, and the attempt that served it. */
public record Served(Attempt attempt, Completion completion) {}
