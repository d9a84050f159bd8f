package dev.spillway.config;

/**
 * Hedging.
 *
 * @param afterMs fixed delay, or null to derive it from the target's p95 (auto)
 * @param maxPercent most hedged calls as a percentage of all calls
 */
public record HedgeConfig(Long afterMs, int maxPercent) {}
