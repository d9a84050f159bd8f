package dev.spillway.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final RuntimeConfig runtime =
      new RuntimeConfig(new ProviderContext(new ObjectMapper(), scheduler, scheduler, Clock.systemUTC()));

  @AfterEach
  void stop() {
    runtime.close();
    scheduler.shutdownNow();
  }

  private static RouterConfig config(String version, String bUrl) {
    return ConfigBuilder.create()
        .version(version)
        .account("a", "http://127.0.0.1:1")
        .account("b", bUrl, TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.target("a", "x"))
        .build();
  }

  @Test
  void emptyUntilTheFirstConfig() {
    assertThat(runtime.current()).isEmpty();
    runtime.accept(config("v1", "http://127.0.0.1:2"));
    assertThat(runtime.current()).hasValueSatisfying(s -> assertThat(s.config().version()).isEqualTo("v1"));
  }

  @Test
  void unchangedAccountsKeepTheirAdapterAndChangedOnesGetANewOne() {
    runtime.accept(config("v1", "http://127.0.0.1:2"));
    Snapshot first = runtime.current().orElseThrow();
    runtime.accept(config("v2", "http://127.0.0.1:3"));
    Snapshot second = runtime.current().orElseThrow();

    assertThat(second.adapter("a")).isSameAs(first.adapter("a"));
    assertThat(second.adapter("b")).isNotSameAs(first.adapter("b"));
    assertThat(first.config().version()).as("an old snapshot is left as it was").isEqualTo("v1");
  }
}
