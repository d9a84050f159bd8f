package dev.spillway.config;

/** Rate limits; 0 means unlimited. */
public record LimitsConfig(int requestsPerMinute, int tokensPerMinute) {}
