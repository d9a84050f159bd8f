package dev.spillway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.testing.Fuzz;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Request parsing fuzzed: a valid chat body with any part replaced by any JSON value is either
 * accepted or refused with a 400 carrying a code and a param; never another exception.
 */
class RequestFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String VALID = "{\"model\":\"chat\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
      + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],\"temperature\":0.5,\"top_p\":1,"
      + "\"n\":1,\"max_tokens\":10,\"stop\":[\"x\"],\"stream\":false,\"tools\":[{\"type\":\"function\"}],"
      + "\"response_format\":{\"type\":\"text\"},\"metadata\":{\"step\":\"plan\"}}";

  @Test
  void anyMutationIsAcceptedOrA400WithACode() throws Exception {
    JsonNode valid = MAPPER.readTree(VALID);
    Fuzz.check(Fuzz.tries(5_000), random -> {
      JsonNode body = valid.deepCopy();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        body = mutate(body, random);
      }
      try {
        RequestFacts facts = RequestParser.parse(body, Map.of());
        assertThat(facts.model()).isNotBlank();
      } catch (ApiError refused) {
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("code").isTextual()).as(refused.error().toString()).isTrue();
      }
    });
  }

  /** Replaces one node, chosen by walking down at random, with a random value. */
  private static JsonNode mutate(JsonNode node, Random random) {
    if (!node.isContainerNode() || node.isEmpty() || random.nextInt(4) == 0) {
      return Fuzz.json(random, 3);
    }
    if (node instanceof ObjectNode object) {
      String field = object.fieldNames().next();
      int skip = random.nextInt(object.size());
      var names = object.fieldNames();
      for (int i = 0; i <= skip; i++) {
        field = names.next();
      }
      object.set(field, mutate(object.get(field), random));
    } else if (node instanceof ArrayNode array) {
      int index = random.nextInt(array.size());
      array.set(index, mutate(array.get(index), random));
    }
    return node;
  }
}
