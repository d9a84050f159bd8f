package dev.spillway.config;

import java.util.List;

/**
 * A policy's regions, compiled.
 *
 * @param prefer regions tried first; {@link #LOCAL} stands for the router's own region
 * @param allow the only regions allowed to serve; empty means every region
 */
public record RegionsConfig(List<String> prefer, List<String> allow) {
  /** The router's own region, in {@link #prefer}. */
  public static final String LOCAL = "local";
  /** Without a regions block: prefer the router's region, allow every region. */
  public static final RegionsConfig DEFAULTS = new RegionsConfig(List.of(LOCAL), List.of());

  public RegionsConfig {
    prefer = Immutables.list(prefer);
    allow = Immutables.list(allow);
  }

  /** Whether an account in {@code region} (null: none given) may serve. */
  public boolean allows(String region) {
    return allow.isEmpty() || region != null && allow.contains(region);
  }

  /** Whether {@code region} is preferred by a router in {@code routerRegion} (null: none given). */
  public boolean prefers(String region, String routerRegion) {
    if (region == null) {
      return false;
    }
    return prefer.contains(region) || routerRegion != null && region.equals(routerRegion) && prefer.contains(LOCAL);
  }
}
