package dev.spillway.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterSpec;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.TestResources;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.PublishedConfig;
import dev.spillway.config.RouterConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The published config at the scale the issue names — 5,000 LogicalModels, 500 ProviderAccounts and
 * 1,000 RoutingPolicies — fits its ConfigMap with room to spare, and reads back as the same config.
 * Prints compile, publish and reload times (figures in docs/architecture.md); asserts sizes, not
 * times, as timed tests on shared machines are noise.
 */
class ConfigScaleTest {
  static final int ACCOUNTS = 500;
  static final int MODELS = 5_000;
  static final int POLICIES = 1_000;

  static TestResources atScale() {
    TestResources set = TestResources.empty();
    for (int a = 0; a < ACCOUNTS; a++) {
      set.account("account-" + a, a % 2 == 0 ? ProviderKind.SIMULATED : ProviderKind.OPENAI_COMPATIBLE, null);
      if (a % 2 == 1) {
        set.accountSpec("account-" + a).baseUrl = "https://llm-" + a + ".internal.example/v1";
      }
    }
    for (int m = 0; m < MODELS; m++) {
      set.model("model-" + m,
          TestResources.target("account-" + (m % ACCOUNTS), "provider-model-" + (m % 97)),
          TestResources.target("account-" + ((m + 1) % ACCOUNTS), "provider-model-" + (m % 89)));
    }
    for (int p = 0; p < POLICIES; p++) {
      set.policy("policy-" + p, POLICIES - p);
      set.policySpec("policy-" + p).route = TestResources.route("model-" + (p * 5), "model-" + (p * 5 + 1));
      set.policySpec("policy-" + p).match = new dev.spillway.api.v1alpha1.PolicyMatch();
      set.policySpec("policy-" + p).match.purposes = java.util.List.of("purpose-" + p);
    }
    return set;
  }

  @Test
  void fiveThousandModelsFitTheirConfigMapAndReadBackTheSame() {
    TestResources set = atScale();
    long start = System.nanoTime();
    CompileResult result = new ConfigCompiler().compile(set.toSet());
    long compiled = System.nanoTime();
    assertThat(result.problems()).isEmpty();
    RouterConfig config = result.config();

    Router router = new Router();
    router.setMetadata(new ObjectMetaBuilder().withName("edge").withNamespace("team").withUid("u").build());
    router.setSpec(new RouterSpec());
    ConfigMap configMap = ProxyConfigMap.desired(router, config);
    long published = System.nanoTime();
    RouterConfig read = PublishedConfig.read(configMap.getData(), configMap.getBinaryData());
    long reloaded = System.nanoTime();

    int plainBytes = ConfigJson.write(config).getBytes(StandardCharsets.UTF_8).length;
    int compactBytes = ConfigJson.writeCompact(config).length;
    int objectBytes = Serialization.asJson(configMap).getBytes(StandardCharsets.UTF_8).length;
    assertThat(plainBytes).as("the plain JSON would not fit").isGreaterThan(PublishedConfig.CONFIGMAP_LIMIT_BYTES);
    assertThat(compactBytes).as("compact: no repeated capabilities, prices or nulls").isLessThan(plainBytes / 2);
    assertThat(objectBytes).as("the whole ConfigMap object").isLessThan(PublishedConfig.CONFIGMAP_LIMIT_BYTES / 4);
    assertThat(read).isEqualTo(config);
    assertThat(read.models()).hasSize(MODELS);
    System.out.printf(Locale.ROOT, "config scale: %d models, %d accounts, %d policies: JSON %.1f MB, compact %.1f MB, ConfigMap %d KiB;"
            + " compile %d ms, compress+encode %d ms, decode+parse %d ms%n", MODELS, ACCOUNTS, POLICIES,
        plainBytes / 1e6, compactBytes / 1e6, objectBytes / 1024, (compiled - start) / 1_000_000, (published - compiled) / 1_000_000,
        (reloaded - published) / 1_000_000);
  }
}
