package dev.spillway.proxy.resilience.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountLimitsTest {
  private final MutableClock clock = new MutableClock();
  private final LimitsRegistry registry = new LimitsRegistry(clock);

  @Test
  void requestsPerMinuteRunOutAndRefillWithTime() {
    AccountLimits limits = registry.of(account(new LimitsConfig(2, 0)));
    assertThat(limits.tryAdmit(10)).isZero();
    assertThat(limits.tryAdmit(10)).isZero();
    Duration wait = limits.tryAdmit(10);
    assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(limits.headroom()).isZero();
    clock.advance(wait);
    assertThat(limits.tryAdmit(10)).isZero();
  }

  @Test
  void tokensAreReservedOnAdmissionAndSettledWithTheRealUsage() {
    AccountLimits limits = registry.of(account(new LimitsConfig(0, 1_000)));
    assertThat(limits.tryAdmit(600)).isZero();
    assertThat(limits.tryAdmit(600)).as("the first reservation holds 600 of 1000").isPositive();
    limits.settle(600, 100); // the call used far fewer tokens than estimated
    assertThat(limits.tryAdmit(600)).isZero();
    assertThat(limits.headroom()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(0.01));
  }

  @Test
  void unchangedLimitsKeepTheirBucketsAcrossReloads() {
    AccountLimits first = registry.of(account(new LimitsConfig(5, 0)));
    assertThat(registry.of(account(new LimitsConfig(5, 0)))).isSameAs(first);
    assertThat(registry.of(account(new LimitsConfig(6, 0)))).isNotSameAs(first);
  }

  private static AccountConfig account(LimitsConfig limits) {
    return new AccountConfig("acct", ProviderKind.OPENAI_COMPATIBLE, "http://x", null, null, null, false, Map.of(),
        TimeoutConfig.DEFAULTS, limits, null, HealthCheckConfig.DISABLED, null);
  }
}
