package dev.spillway.proxy.validation;

import static dev.spillway.proxy.validation.Constraints.integer;
import static dev.spillway.proxy.validation.Constraints.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The validator checks only the members a body has (and the required ones), yet reports the same
 * first error as checking every rule would: the first broken rule in rule order, whatever the
 * order of the body's members.
 */
class RequestValidatorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theFirstBrokenRuleInRuleOrderIsReportedWhateverTheBodysOrder() throws Exception {
    // temperature (rule 3) and model (rule 1) both broken, the body naming temperature first.
    ApiError error = refused("{\"temperature\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"\"}");

    assertThat(error.error().get("param").asText()).isEqualTo("model");
    assertThat(error.error().get("code").asText()).isEqualTo("invalid_value");
  }

  @Test
  void aMissingRequiredMemberComesBeforeALaterBrokenOne() throws Exception {
    ApiError error = refused("{\"n\":0,\"model\":\"m\"}");

    assertThat(error.error().get("param").asText()).isEqualTo("messages");
    assertThat(error.error().get("code").asText()).isEqualTo("missing_required_parameter");
  }

  @Test
  void nestedMembersAreReportedInRuleOrderToo() throws Exception {
    // A message's rules: role, content, name, ... — name (rule 3) broken and listed before role (rule 1).
    ApiError error = refused("{\"model\":\"m\",\"messages\":[{\"content\":\"hi\"},{\"name\":7,\"role\":\"x\"}]}");

    assertThat(error.error().get("param").asText()).isEqualTo("messages[0].role");
    ApiError second = refused("{\"model\":\"m\",\"messages\":[{\"name\":7,\"role\":\"x\",\"content\":\"hi\"}]}");
    assertThat(second.error().get("param").asText()).isEqualTo("messages[0].role");
    assertThat(second.error().get("code").asText()).isEqualTo("invalid_value");
  }

  @Test
  void membersNoRuleNamesPassAndAValidBodyPasses() {
    assertThatCode(() -> ChatRules.CHAT.validate(body(
        "{\"vendor_extra\":{\"any\":1},\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\",\"x\":1}],"
            + "\"max_tokens\":16,\"temperature\":0.5}")))
        .doesNotThrowAnyException();
  }

  @Test
  void aNullOptionalMemberIsAbsentAndANullRequiredOneIsATypeError() throws Exception {
    assertThatCode(() -> ChatRules.CHAT.validate(body(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":null}")))
        .doesNotThrowAnyException();
    ApiError error = refused("{\"messages\":[],\"model\":null}");
    assertThat(error.error().get("param").asText()).isEqualTo("model");
    assertThat(error.error().get("code").asText()).isEqualTo("invalid_type");
  }

  @Test
  void aRuleSetNamingAMemberTwiceOrMoreThan64IsRefusedWhenBuilt() {
    assertThatThrownBy(() -> new RequestValidator(Field.required("a", text()), Field.optional("a", integer(0, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' is named twice");
    Field[] many = IntStream.range(0, 65).mapToObj(i -> Field.optional("p" + i, text())).toArray(Field[]::new);
    assertThatThrownBy(() -> new RequestValidator(many))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 64");
  }

  @Test
  void theLastOf64RulesIsStillChecked() {
    Field[] rules = IntStream.range(0, 64).mapToObj(i -> Field.optional("p" + i, text())).toArray(Field[]::new);
    RequestValidator validator = new RequestValidator(rules);

    assertThatThrownBy(() -> validator.validate(body("{\"p63\":1}")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.error().get("param").asText()).isEqualTo("p63"));
  }

  private static ApiError refused(String json) throws Exception {
    ObjectNode body = body(json);
    try {
      ChatRules.CHAT.validate(body);
    } catch (ApiError error) {
      return error;
    }
    throw new AssertionError("accepted: " + json);
  }

  private static ObjectNode body(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
