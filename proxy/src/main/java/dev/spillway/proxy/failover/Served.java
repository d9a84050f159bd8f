package dev.spillway.proxy.failover;

/**
 * A plain call that succeeded, and the attempt that served it.
 *
 * @param completion the answer: a chat completion, or the media operation's answer
 */
public record Served<R>(Attempt attempt, R completion) {}
