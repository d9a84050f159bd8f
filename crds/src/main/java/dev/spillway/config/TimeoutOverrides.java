package dev.spillway.config;

/** Policy timeouts in milliseconds; null fields keep the account's value. */
public record TimeoutOverrides(Long connectMs, Long firstTokenMs, Long requestMs) {
  public static final TimeoutOverrides NONE = new TimeoutOverrides(null, null, null);

  public TimeoutConfig applyTo(TimeoutConfig account) {
    return new TimeoutConfig(
        connectMs != null ? connectMs : account.connectMs(),
        firstTokenMs != null ? firstTokenMs : account.firstTokenMs(),
        requestMs != null ? requestMs : account.requestMs());
  }
}
