package dev.spillway.compiler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns one YAML document into a typed Spillway resource, strictly: every unknown field (a typo
 * such as {@code maxFallbackDeth}) is reported, not silently dropped as Kubernetes would after
 * pruning — in a folder there is no API server to warn about it.
 */
final class TypedDocumentReader {
  /**
   * As strict about types as the API server checking the CRD schema, so a file that loads here
   * also applies to a cluster: 2.5 is not an integer, "10" is not a number and an unquoted 429 is
   * not a string.
   */
  private static final ObjectMapper MAPPER =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(LogicalType.Textual, config -> config
              .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
              .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private TypedDocumentReader() {}

  /** The resource, or null when the document does not fit the type (problems are reported). */
  static <R extends HasMetadata> R read(
      JsonNode document, Class<R> type, DocumentLocation location, DocumentProblems problems) {
    UnknownFields unknown = new UnknownFields();
    R resource;
    try {
      resource = MAPPER.reader().withHandler(unknown).forType(type).readValue(document);
    } catch (JsonMappingException e) {
      unknown.report(location, problems);
      problems.report(JsonPaths.of(e.getPath()), describe(e) + " (" + location + ")");
      return null;
    } catch (IOException e) {
      problems.report("", "cannot read the document (" + location + "): " + e.getMessage());
      return null;
    }
    unknown.report(location, problems);
    return unknown.found.isEmpty() ? resource : null;
  }

  /** Jackson's messages name Java classes; users wrote YAML, so say it in their terms. */
  private static String describe(JsonMappingException e) {
    if (!(e instanceof MismatchedInputException)) {
      return e.getOriginalMessage();
    }
    Class<?> target = ((MismatchedInputException) e).getTargetType();
    String what = e instanceof InvalidFormatException
        ? "\"" + ((InvalidFormatException) e).getValue() + "\" is not allowed: "
        : "has the wrong type: ";
    if (target != null && target.isEnum()) {
      return what + "use one of " + Arrays.stream(target.getEnumConstants())
          .map(TypedDocumentReader::wireName).collect(Collectors.joining(", "));
    }
    String hint = target == String.class ? " (quote numbers and booleans meant as text, e.g. \"429\")" : "";
    return what + "expected " + typeName(target) + hint;
  }

  /** The name YAML uses for an enum constant (its {@code @JsonValue}, e.g. openai-compatible). */
  private static String wireName(Object enumConstant) {
    return MAPPER.convertValue(enumConstant, String.class);
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping (" + type.getSimpleName() + ")";
  }

  /** Collects unknown fields and skips them, so one document reports all of its typos at once. */
  private static final class UnknownFields extends DeserializationProblemHandler {
    private final List<UnknownField> found = new ArrayList<>();

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
        JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
      // At an object or list value the parser has already stepped into it: its field is one up.
      JsonStreamContext at = parser.getParsingContext();
      if (parser.hasToken(JsonToken.START_OBJECT) || parser.hasToken(JsonToken.START_ARRAY)) {
        at = at.getParent();
      }
      String path = JsonPaths.of(at);
      TreeSet<String> known = new TreeSet<>();
      deserializer.getKnownPropertyNames().forEach(name -> known.add(String.valueOf(name)));
      found.add(new UnknownField(path, propertyName, String.join(", ", known)));
      parser.skipChildren();
      return true;
    }

    void report(DocumentLocation location, DocumentProblems problems) {
      for (UnknownField field : found) {
        problems.report(field.path(), "unknown field \"" + field.name() + "\" (" + location
            + "); known fields here: " + field.known());
      }
    }
  }

  private record UnknownField(String path, String name, String known) {}
}
