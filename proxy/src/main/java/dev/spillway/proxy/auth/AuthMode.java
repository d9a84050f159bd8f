package dev.spillway.proxy.auth;

import java.util.Locale;

/** Whether calls must present a consumer's key. */
public enum AuthMode {
  /** Every model call needs a valid key: 401 otherwise (the in-cluster default). */
  REQUIRED,
  /**
   * Keys are optional: a valid one attributes the call to its consumer (with its allowances and
   * quotas), a missing or unknown one is served anonymously. For a trusted network or a laptop.
   */
  OPEN,
  /**
   * {@link #REQUIRED} as soon as the config defines a Consumer, {@link #OPEN} while it defines none
   * (the standalone default, so the quickstart needs no key).
   */
  AUTO;

  /** Parses required, open or auto, in any case. */
  public static AuthMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException bad) {
      throw new IllegalArgumentException("\"" + text + "\" is not an auth mode: use required, open or auto");
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
