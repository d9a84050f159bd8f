package dev.spillway.compiler;

import static dev.spillway.compiler.TestResources.target;
import static dev.spillway.compiler.ValidationCase.invalid;

import dev.spillway.api.v1alpha1.Capabilities;
import dev.spillway.api.v1alpha1.Endpoint;
import dev.spillway.api.v1alpha1.Pricing;
import dev.spillway.api.v1alpha1.RequestDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per LogicalModel rule: the valid set with one field broken. */
class ModelValidationTest {
  private static final String KIND = "LogicalModel";

  static Stream<ValidationCase> cases() {
    return Stream.of(
        invalid("no targets", r -> r.modelSpec("backup").targets = new ArrayList<>())
            .expect(KIND, "backup", "spec.targets", "at least one target"),
        invalid("unknown account", r -> r.target("chat", 1).account = "antropic")
            .expect(KIND, "chat", "spec.targets[1].account", "unknown ProviderAccount \"antropic\"",
                "known accounts: anthropic, openai, sim"),
        invalid("missing account", r -> r.target("chat", 1).account = null)
            .expect(KIND, "chat", "spec.targets[1].account", "is required"),
        invalid("empty model id", r -> r.target("chat", 0).model = "")
            .expect(KIND, "chat", "spec.targets[0].model", "is required"),
        invalid("duplicate target", r -> r.modelSpec("chat").targets.add(target("openai", "gpt-4o-mini")))
            .expect(KIND, "chat", "spec.targets[2]", "duplicate target openai/gpt-4o-mini",
                "spec.targets[0]"),
        invalid("tier 0", r -> r.target("chat", 0).tier = 0)
            .expect(KIND, "chat", "spec.targets[0].tier", "at least 1, got 0"),
        invalid("negative weight", r -> r.target("chat", 0).weight = -1)
            .expect(KIND, "chat", "spec.targets[0].weight", "at least 0, got -1"),
        invalid("negative priority", r -> r.target("chat", 1).priority = -3)
            .expect(KIND, "chat", "spec.targets[1].priority", "at least 0, got -3"),
        invalid("zero context window", r -> capabilities(r).contextWindow = 0)
            .expect(KIND, "chat", "spec.capabilities.contextWindow", "greater than 0, got 0"),
        invalid("target context window", r -> {
              r.target("chat", 1).capabilities = new Capabilities();
              r.target("chat", 1).capabilities.contextWindow = -1;
            })
            .expect(KIND, "chat", "spec.targets[1].capabilities.contextWindow", "greater than 0"),
        invalid("temperature above 2", r -> defaults(r).temperature = 2.5)
            .expect(KIND, "chat", "spec.defaults.temperature", "between 0 and 2, got 2.5"),
        invalid("topP above 1", r -> defaults(r).topP = 1.01)
            .expect(KIND, "chat", "spec.defaults.topP", "between 0 and 1, got 1.01"),
        invalid("maxTokens 0", r -> defaults(r).maxTokens = 0)
            .expect(KIND, "chat", "spec.defaults.maxTokens", "between 1 and 8192, got 0"),
        invalid("maxTokens beyond the context window", r -> {
              capabilities(r).contextWindow = 4_096;
              defaults(r).maxTokens = 5_000;
            })
            .expect(KIND, "chat", "spec.defaults.maxTokens", "between 1 and 4096, got 5000"),
        invalid("five stop sequences", r -> defaults(r).stop = List.of("a", "b", "c", "d", "e"))
            .expect(KIND, "chat", "spec.defaults.stop", "at most 4", "got 5"),
        invalid("negative price", r -> {
              r.target("chat", 0).pricing = new Pricing();
              r.target("chat", 0).pricing.outputPerMTok = -0.5;
            })
            .expect(KIND, "chat", "spec.targets[0].pricing.outputPerMTok", "at least 0, got -0.5"),
        invalid("negative cache-write price", r -> {
              r.target("chat", 1).pricing = new Pricing();
              r.target("chat", 1).pricing.cacheWriteInputPerMTok = -3.75;
            })
            .expect(KIND, "chat", "spec.targets[1].pricing.cacheWriteInputPerMTok", "at least 0, got -3.75"),
        invalid("negative video price", r -> {
              r.target("chat", 0).pricing = new Pricing();
              r.target("chat", 0).pricing.videoPerSecond = -0.1;
            })
            .expect(KIND, "chat", "spec.targets[0].pricing.videoPerSecond", "at least 0, got -0.1"),
        invalid("unknown fallback", r -> r.modelSpec("chat").fallback = "bakup")
            .expect(KIND, "chat", "spec.fallback", "unknown LogicalModel \"bakup\"", "backup"),
        invalid("fallback to itself", r -> r.modelSpec("backup").fallback = "backup")
            .expect(KIND, "backup", "spec.fallback", "fallback cycle: backup -> backup"),
        invalid("targets unset", r -> r.model("empty").modelSpec("empty").targets = null)
            .expect(KIND, "empty", "spec.targets", "at least one target"),
        invalid("no endpoints", r -> capabilities(r).endpoints = List.of())
            .expect(KIND, "chat", "spec.capabilities.endpoints", "must list the endpoints served",
                "chat, embeddings, images, speech, transcriptions, video"),
        invalid("an endpoint twice", r -> capabilities(r).endpoints = List.of(Endpoint.CHAT, Endpoint.CHAT))
            .expect(KIND, "chat", "spec.capabilities.endpoints", "lists an endpoint twice"),
        invalid("a target names an endpoint its provider lacks", r -> {
              r.target("chat", 1).capabilities = new Capabilities();
              r.target("chat", 1).capabilities.endpoints = List.of(Endpoint.CHAT, Endpoint.EMBEDDINGS);
            })
            .expect(KIND, "chat", "spec.targets[1].capabilities.endpoints",
                "provider anthropic has no embeddings API: it serves chat"),
        invalid("no target's provider has the model's endpoint", r -> {
              r.model("voice", target("anthropic", "claude-haiku-4-5"));
              r.modelSpec("voice").capabilities = new Capabilities();
              r.modelSpec("voice").capabilities.endpoints = List.of(Endpoint.SPEECH);
            })
            .expect(KIND, "voice", "spec.capabilities.endpoints", "lists speech but no target's provider has that API",
                "anthropic: anthropic"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheBrokenField(ValidationCase validationCase) {
    validationCase.assertReported();
  }

  private static Capabilities capabilities(TestResources r) {
    if (r.modelSpec("chat").capabilities == null) {
      r.modelSpec("chat").capabilities = new Capabilities();
    }
    return r.modelSpec("chat").capabilities;
  }

  private static RequestDefaults defaults(TestResources r) {
    if (r.modelSpec("chat").defaults == null) {
      r.modelSpec("chat").defaults = new RequestDefaults();
    }
    return r.modelSpec("chat").defaults;
  }
}
