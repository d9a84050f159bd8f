package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.TestResources;
import dev.spillway.config.PublishedConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** A config too large for its ConfigMap is a rejection that says so, not an API error every pass. */
class ConfigSizeTest {
  final Router router = new Router();

  {
    router.setMetadata(new ObjectMetaBuilder().withName("edge").withNamespace("team").build());
  }

  @Test
  void aConfigAboveTheLimitIsRefusedNamingItsSizeAndTheWayOut() {
    CompileResult compiled = TestResources.valid().compile();
    int size = PublishedConfig.encodedSize(PublishedConfig.compress(compiled.config()));

    CompileResult refused = ConfigSize.checked(compiled, router, size - 1);

    assertThat(refused.ok()).isFalse();
    assertThat(refused.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo("Router");
      assertThat(problem.name()).isEqualTo("edge");
      assertThat(problem.message()).contains("KiB compressed").contains("a ConfigMap can hold")
          .contains("split its resources over several namespaces");
    });
    assertThat(ConfigSize.checked(compiled, router, size)).isSameAs(compiled);
  }
}
