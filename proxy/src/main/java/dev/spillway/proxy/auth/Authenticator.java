package dev.spillway.proxy.auth;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.config.ConfigSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * Decides who a presented key belongs to, against the consumers of the config in force (swapped
 * with every config, so a rotated or revoked key takes effect without a restart). Counts every
 * refused attempt by reason ({@code spillway.auth.failures}).
 */
public final class Authenticator implements ConfigSink {
  private final AuthMode mode;
  private final Clock clock;
  private final Map<Rejection, Counter> failures = new EnumMap<>(Rejection.class);
  private final java.util.function.Consumer<String> validKeys;
  private volatile KeyIndex index = KeyIndex.EMPTY;

  /**
   * @param validKeys hears every key that authenticated (the secret scrubber learns it, so upstream
   *     bytes are masked of client keys too); never hears an unknown key, which anyone can send
   */
  public Authenticator(AuthMode mode, Clock clock, MeterRegistry registry,
      java.util.function.Consumer<String> validKeys) {
    this.mode = mode;
    this.clock = clock;
    this.validKeys = validKeys;
    for (Rejection reason : new Rejection[] {Rejection.MISSING_KEY, Rejection.UNKNOWN_KEY, Rejection.EXPIRED_KEY}) {
      failures.put(reason, Counter.builder("spillway.auth.failures")
          .description("Calls refused at the door: no key, an unknown key or an expired one")
          .tag("reason", reason.label())
          .register(registry));
    }
  }

  @Override
  public void accept(RouterConfig config) {
    index = new KeyIndex(config.clientAuth());
  }

  /** The mode in force now: AUTO resolved against the config's consumers. */
  public AuthMode effectiveMode() {
    return mode != AuthMode.AUTO ? mode : index.hasConsumers() ? AuthMode.REQUIRED : AuthMode.OPEN;
  }

  /** What a call presenting {@code key} (null: none) gets. */
  Outcome authenticate(String key) {
    boolean required = effectiveMode() == AuthMode.REQUIRED;
    KeyIndex.Entry entry = key == null ? null : index.find(key);
    Rejection rejection = key == null ? Rejection.MISSING_KEY
        : entry == null ? Rejection.UNKNOWN_KEY
        : !entry.key().activeAt(clock.millis()) ? Rejection.EXPIRED_KEY
        : null;
    if (rejection == null) {
      validKeys.accept(key);
      return new Outcome(new Caller(entry.consumer(), entry.key().id()), null);
    }
    if (!required) {
      return new Outcome(null, null); // anonymous
    }
    failures.get(rejection).increment();
    return new Outcome(null, rejection);
  }

  /** A caller, a rejection, or neither (an anonymous call in open mode). */
  record Outcome(Caller caller, Rejection rejection) {}
}
