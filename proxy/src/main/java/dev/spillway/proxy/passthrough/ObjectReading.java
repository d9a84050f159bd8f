package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a JSON object from bytes into a {@link SplicedObject}: one pass of the mapper's parser
 * (Jackson's, with the byte offsets of {@link SpanningParser}), each top-level member read into a
 * tree with the mapper's own settings while its byte span is noted.
 */
public final class ObjectReading {
  private final ObjectReader values;
  private final boolean trailingTokensFail;
  private final boolean longTextAsBytes;

  /** Every string decoded, as the mapper's {@code readTree} does (answers, stream chunks). */
  public ObjectReading(ObjectMapper mapper) {
    this(mapper, false);
  }

  private ObjectReading(ObjectMapper mapper, boolean longTextAsBytes) {
    // Members are read one by one from one parser: the trailing-token check is this class's, at the end.
    this.values = mapper.copyWith(new SpanningFactory()).reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.trailingTokensFail = mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.longTextAsBytes = longTextAsBytes;
  }

  /**
   * Strings of {@value TreeReading#LONG} bytes or more are kept as their bytes ({@link LongText}),
   * decoded only if something reads them: request bodies, whose long messages an OpenAI-compatible
   * target gets as the client's bytes, so a call's cost does not grow with the text it never reads.
   */
  public static ObjectReading keepingLongText(ObjectMapper mapper) {
    return new ObjectReading(mapper, true);
  }

  /**
   * @return the object, or empty when the bytes are not a JSON object in UTF-8 (the caller reads
   *     them as it would anything else: for its error, or as a plain tree when in UTF-16 or UTF-32)
   * @throws IOException the bytes are an object that is not valid JSON
   */
  public Optional<SplicedObject> read(byte[] bytes) throws IOException {
    return read(bytes, null);
  }

  /**
   * {@link #read(byte[])} of a body whose long strings were found as it arrived: the parser jumps
   * over them.
   *
   * @param known the spans found in {@code bytes}, null when none were looked for
   */
  public Optional<SplicedObject> read(byte[] bytes, StringSpans known) throws IOException {
    try (JsonParser parser = values.createParser(bytes)) {
      if (!(parser instanceof SpanningParser spanning)) {
        return Optional.empty();
      }
      if (known != null) {
        spanning.knownStrings(known);
      }
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      RawMembers raw = new RawMembers(bytes);
      SplicedObject object = new SplicedObject(raw);
      TreeReading tree = longTextAsBytes ? new TreeReading(values, bytes) : null;
      JsonToken token = parser.nextToken();
      while (token == JsonToken.FIELD_NAME) {
        int start = spanning.tokenStart();
        String name = parser.currentName();
        parser.nextToken();
        JsonNode value;
        if (tree != null) {
          value = tree.value(spanning);
          token = parser.currentToken();
        } else {
          value = values.readTree(parser);
          token = parser.nextToken();
        }
        // The value ends where the next token starts, less the separator: no JSON value ends in
        // whitespace or a comma, so the span is exact whatever the spacing.
        raw.add(name, start, valueEnd(bytes, spanning.tokenStart()), value);
        object.set(name, value);
      }
      if (token != JsonToken.END_OBJECT) {
        throw new JsonParseException(parser, "Unexpected token " + token + " in an object");
      }
      if (trailingTokensFail && parser.nextToken() != null) {
        throw new JsonParseException(parser, "Trailing token (of type " + parser.currentToken()
            + ") found after the object: not allowed");
      }
      return Optional.of(object);
    }
  }

  /** Where a value ends whose next token starts at {@code next}: before the separator and spacing. */
  static int valueEnd(byte[] bytes, int next) {
    int end = next;
    while (end > 0 && separator(bytes[end - 1])) {
      end--;
    }
    return end;
  }

  private static boolean separator(byte b) {
    return b == ',' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
