package dev.spillway.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import org.junit.jupiter.api.Test;

/** Who a key belongs to in each mode, and how keys are read off a request. */
class AuthenticatorTest {
  private static final String KEY = "sk-team-a-0123456789abcdefghijkl";
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock();
  private final java.util.List<String> learned = new java.util.ArrayList<>();

  private Authenticator authenticator(AuthMode mode, RouterConfig config) {
    Authenticator authenticator = new Authenticator(mode, clock, registry, learned::add);
    authenticator.accept(config);
    return authenticator;
  }

  private static RouterConfig withTeamA() {
    return ConfigBuilder.create().consumer("team-a", KEY).build();
  }

  @Test
  void autoIsOpenWithoutConsumersAndRequiredWithThem() {
    Authenticator auto = authenticator(AuthMode.AUTO, ConfigBuilder.create().build());
    assertThat(auto.effectiveMode()).isEqualTo(AuthMode.OPEN);
    assertThat(auto.authenticate(null)).isEqualTo(new Authenticator.Outcome(null, null));

    auto.accept(withTeamA());

    assertThat(auto.effectiveMode()).isEqualTo(AuthMode.REQUIRED);
    assertThat(auto.authenticate(null).rejection()).isEqualTo(Rejection.MISSING_KEY);
  }

  @Test
  void openServesUnknownKeysAnonymouslyButStillAttributesKnownOnes() {
    Authenticator open = authenticator(AuthMode.OPEN, withTeamA());

    assertThat(open.authenticate("sk-someone-elses-openai-key-000000")).isEqualTo(new Authenticator.Outcome(null, null));
    assertThat(open.authenticate(KEY).caller().name()).isEqualTo("team-a");
    assertThat(registry.find("spillway.auth.failures").counters())
        .allSatisfy(counter -> assertThat(counter.count()).isZero());
  }

  @Test
  void requiredRefusesAndCountsByReason() {
    Authenticator required = authenticator(AuthMode.REQUIRED, withTeamA());

    assertThat(required.authenticate("sk-team-a-0123456789abcdefghijkX").rejection()).isEqualTo(Rejection.UNKNOWN_KEY);
    assertThat(required.authenticate(KEY + "x").rejection()).isEqualTo(Rejection.UNKNOWN_KEY);
    assertThat(required.authenticate(KEY).caller().keyId()).isEqualTo("keys/team-a");
    assertThat(registry.get("spillway.auth.failures").tag("reason", "unknown_key").counter().count()).isEqualTo(2);
    assertThat(learned).as("keys the secret scrubber learns").containsExactly(KEY);
  }

  @Test
  void keysComeFromBearerThenXApiKeyAndBothHeadersAreRemoved() {
    HeaderMap both = new HeaderMap();
    both.put(Headers.AUTHORIZATION, "bearer  " + KEY + " ");
    both.put(ClientKeys.X_API_KEY, "other");
    HeaderMap anthropic = new HeaderMap();
    anthropic.put(ClientKeys.X_API_KEY, KEY);
    HeaderMap basic = new HeaderMap();
    basic.put(Headers.AUTHORIZATION, "Basic dXNlcjpwYXNz");

    assertThat(ClientKeys.take(both)).isEqualTo(KEY);
    assertThat(both.size()).isZero();
    assertThat(ClientKeys.take(anthropic)).isEqualTo(KEY);
    assertThat(ClientKeys.take(basic)).isNull();
    assertThat(basic.size()).isZero();
  }

  @Test
  void modesParseReadably() {
    assertThat(AuthMode.parse(" Required ")).isEqualTo(AuthMode.REQUIRED);
    assertThatThrownBy(() -> AuthMode.parse("closed")).hasMessage("\"closed\" is not an auth mode: use required, open or auto");
  }
}
