package dev.spillway.proxy.http;

import dev.spillway.proxy.routing.CallerRoute;
import java.util.LinkedHashMap;
import java.util.Map;

/** The x-spillway-* headers that tell a client how its call was routed. */
public final class RoutingHeaders {
  public static final String SERVED_BY = "x-spillway-served-by";
  public static final String ATTEMPTS = "x-spillway-attempts";
  public static final String FALLBACK_REASON = "x-spillway-fallback-reason";
  public static final String POLICY = "x-spillway-policy";
  public static final String CONFIG_VERSION = "x-spillway-config-version";
  /** The region of the account that served, when it has one. */
  public static final String SERVED_REGION = "x-spillway-served-region";
  /** The fallbacks the request named for itself and its routing mode, when it named any. */
  public static final String CALLER_FALLBACKS = "x-spillway-caller-fallbacks";

  private RoutingHeaders() {}

  /**
   * @param servedBy the serving target's id, or null when nothing served
   * @param fallbackReason why earlier candidates did not serve, or null
   * @param caller the request's own fallbacks, as applied
   */
  public static Map<String, String> of(
      String policy, String configVersion, int attempts, String servedBy, String fallbackReason, CallerRoute caller) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (servedBy != null) {
      headers.put(SERVED_BY, servedBy);
    }
    headers.put(ATTEMPTS, Integer.toString(attempts));
    if (servedBy != null && fallbackReason != null) {
      headers.put(FALLBACK_REASON, headerSafe(fallbackReason));
    }
    headers.put(POLICY, policy);
    if (caller.named()) {
      headers.put(CALLER_FALLBACKS, headerSafe(caller.describe()));
    }
    if (configVersion != null) {
      headers.put(CONFIG_VERSION, configVersion);
    }
    return headers;
  }

  /** Header values must be visible ASCII: provider text is not trusted to be. */
  private static String headerSafe(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), 1024));
    for (int i = 0; i < value.length() && out.length() < 1024; i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
