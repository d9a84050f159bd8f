package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one JSON value from a parser over {@code bytes} into a tree, as the mapper's
 * {@code readTree} would, except that strings are not decoded by the parser: a string's token is
 * skipped (the parser checks its escapes and UTF-8 without building it, and notes where it ends and
 * its length), and a string of at least {@link #LONG} bytes becomes a {@link LongText} over those
 * bytes. Shorter strings (roles, types, names) are built from their bytes at once.
 * Each method leaves the parser on the token after the value it read.
 */
final class TreeReading {
  /** From this many bytes a string stays undecoded: short ones are cheaper as plain text nodes. */
  static final int LONG = 256;
  private final ObjectReader scalars;
  private final byte[] bytes;

  TreeReading(ObjectReader scalars, byte[] bytes) {
    this.scalars = scalars;
    this.bytes = bytes;
  }

  /** The value at the parser's current token; the parser is left on the token after it. */
  JsonNode value(SpanningParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      token = parser.nextToken();
      while (token == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        object.replace(name, value(parser)); // a repeated name: the last wins, in the first's place
        token = parser.currentToken();
      }
      parser.nextToken(); // past END_OBJECT
      return object;
    }
    if (token == JsonToken.START_ARRAY) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      token = parser.nextToken();
      while (token != JsonToken.END_ARRAY && token != null) {
        array.add(value(parser));
        token = parser.currentToken();
      }
      parser.nextToken(); // past END_ARRAY
      return array;
    }
    if (token == JsonToken.VALUE_STRING) {
      return string(parser);
    }
    // Numbers, booleans, null: the mapper's own nodes (its number settings apply).
    JsonNode scalar = scalars.readTree(parser);
    parser.nextToken();
    return scalar;
  }

  private JsonNode string(SpanningParser parser) throws IOException {
    int open = parser.tokenStart();
    if (parser.nextToken() == null) { // skips the string: nothing decoded
      throw new JsonParseException(parser, "Unexpected end of input after a string");
    }
    int close = parser.skippedEnd();
    if (close - open - 1 >= LONG) {
      return new LongText(bytes, open + 1, close, parser.skippedUnits());
    }
    for (int i = open + 1; i < close; i++) {
      if (bytes[i] == '\\') {
        return scalars.readTree(bytes, open, close - open + 1); // escapes: the mapper decodes them
      }
    }
    return TextNode.valueOf(new String(bytes, open + 1, close - open - 1, StandardCharsets.UTF_8));
  }
}
