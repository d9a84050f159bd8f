package dev.spillway.proxy.providers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.passthrough.SplicedObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link ChatChunk}s: one pass of Jackson's streaming parser over a chunk's bytes (this
 * thread's {@link ChunkFeed}, no parser built per chunk) picks out its {@link ChunkFacts} and skips
 * the rest, building no tree (the per-chunk tree and its encoding
 * were most of a relayed chunk's CPU). Chunks born as trees are read the same way, through a parser
 * over the tree, so both kinds have their facts from this one reader. Thread-safe.
 */
public final class ChunkReader {
  private final ObjectMapper mapper;
  private final ObjectReading trees;
  /** Reads the usage member alone, from inside the chunk: what follows it is not trailing junk. */
  private final ObjectReader members;
  private final ChunkFeed feed;

  public ChunkReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.feed = new ChunkFeed(mapper);
    this.members = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.trees = new ObjectReading(mapper);
  }

  /**
   * A chunk as the upstream sent it, read by this thread's {@link ChunkFeed} parser.
   *
   * @return empty when the JSON is not an object
   * @throws IOException the bytes are not valid JSON (or hold more than one value)
   */
  public Optional<ChatChunk> read(byte[] json) throws IOException {
    boolean whole = false;
    try {
      ChunkFeed.Parser parser = feed.feed(json);
      Scan scan = scan(parser.json, parser);
      if (scan == null) {
        return Optional.empty();
      }
      parser.end();
      whole = true;
      return Optional.of(new ChatChunk(this, json, scan.usageFrom(), scan.usageTo(), scan.facts(), null));
    } finally {
      if (!whole) {
        feed.discard(); // left inside a value: the next chunk would be read as its continuation
      }
    }
  }

  /** A chunk built as a tree (translated from another provider's events). */
  public ChatChunk of(ObjectNode chunk) {
    try (JsonParser parser = chunk.traverse(mapper)) {
      return new ChatChunk(this, null, -1, -1, scan(parser, null).facts(), chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("a JSON tree always reads", e);
    }
  }

  ObjectNode tree(byte[] json) {
    try {
      // Spliced: a tree nobody changes still writes back as these bytes.
      return trees.read(json).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException("read once already", e);
    }
  }

  byte[] bytes(ObjectNode tree) {
    return SplicedObject.bytes(tree, mapper);
  }

  /** What one pass found: the facts, and the bytes to cut to drop usage (-1 when unknown). */
  private record Scan(ChunkFacts facts, int usageFrom, int usageTo) {}

  /**
   * Reads the object up to its end (what may follow it is the caller's to check).
   *
   * @param bytes the fed parser reading the chunk's bytes, for the usage member's span; null for a tree
   */
  private Scan scan(JsonParser parser, ChunkFeed.Parser bytes) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return null; // a bare value, whole or not yet (a fed parser's number may go on), is no chunk
    }
    String id = null;
    String model = null;
    boolean hasError = false;
    boolean hasUsage = false;
    Usage usage = null;
    List<ChunkFacts.Choice> choices = List.of();
    int usageFrom = -1;
    int usageTo = -1;
    JsonToken token = next(parser);
    while (token == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      boolean usageMember = name.equals("usage");
      int nameStart = usageMember && bytes != null ? bytes.tokenStart() : -1;
      JsonToken value = next(parser);
      switch (name) {
        case "id" -> id = string(parser);
        case "model" -> model = string(parser);
        case "error" -> {
          hasError = true;
          parser.skipChildren();
        }
        case "usage" -> {
          // A second usage member: no single span to cut (the tree path then drops both).
          usageFrom = hasUsage ? -2 : usageFrom;
          hasUsage = true;
          usage = value == JsonToken.START_OBJECT ? Usage.fromOpenAi(members.readTree(parser)) : null;
          parser.skipChildren();
        }
        case "choices" -> choices = objects(parser, ChunkReader::choice);
        default -> parser.skipChildren();
      }
      token = next(parser);
      if (usageMember && usageFrom != -2 && nameStart >= 0) {
        boolean last = token != JsonToken.FIELD_NAME;
        usageFrom = last ? commaBefore(bytes, nameStart) : nameStart;
        usageTo = last ? bytes.objectEnd() : bytes.tokenStart();
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new JsonParseException(parser, "Unexpected token " + token + " in a chunk");
    }
    ChunkFacts facts = new ChunkFacts(id, model, hasError, hasUsage, usage, choices);
    return usageFrom < 0 ? new Scan(facts, -1, -1) : new Scan(facts, usageFrom, usageTo);
  }

  /**
   * Where the cut of a last member starts: its comma (the member before it keeps its bytes), or
   * the member itself when it is the only one.
   */
  private static int commaBefore(ChunkFeed.Parser bytes, int nameStart) {
    byte[] json = bytes.chunk();
    int at = nameStart - 1;
    while (at > 0 && json[at] != ',' && json[at] != '{') {
      at--; // only spacing lies between a separator and the next name
    }
    return json[at] == ',' ? at : nameStart;
  }

  /** One object of an array, read from its START_OBJECT to its END_OBJECT. */
  private interface Element<T> {
    T read(JsonParser parser) throws IOException;
  }

  /**
   * The objects of the current array, each read by {@code element}; anything else in it skipped.
   * Present but not an array counts as present and empty.
   */
  private static <T> List<T> objects(JsonParser parser, Element<T> element) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return List.of();
    }
    List<T> objects = new ArrayList<>(1);
    while (next(parser) != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        objects.add(element.read(parser));
      } else {
        parser.skipChildren();
      }
    }
    return objects;
  }

  private static ChunkFacts.Choice choice(JsonParser parser) throws IOException {
    int index = 0;
    Delta delta = Delta.NONE;
    String finishReason = null;
    while (next(parser) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      next(parser);
      switch (name) {
        case "index" -> index = scalarInt(parser, 0);
        case "finish_reason" -> finishReason = string(parser);
        case "delta" -> delta = delta(parser);
        default -> parser.skipChildren();
      }
    }
    return new ChunkFacts.Choice(index, delta.content(), delta.refusal(), delta.toolCalls(), finishReason);
  }

  private record Delta(String content, String refusal, List<ChunkFacts.ToolCallPiece> toolCalls) {
    static final Delta NONE = new Delta(null, null, null);
  }

  private static Delta delta(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return skipped(parser, Delta.NONE);
    }
    String content = null;
    String refusal = null;
    List<ChunkFacts.ToolCallPiece> toolCalls = null;
    while (next(parser) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      next(parser);
      switch (field) {
        case "content" -> content = string(parser);
        case "refusal" -> refusal = string(parser);
        case "tool_calls" -> toolCalls = objects(parser, ChunkReader::toolCallPiece);
        default -> parser.skipChildren();
      }
    }
    return new Delta(content, refusal, toolCalls);
  }

  private static ChunkFacts.ToolCallPiece toolCallPiece(JsonParser parser) throws IOException {
    int index = -1;
    String name = null;
    String arguments = "";
    while (next(parser) == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = next(parser);
      if (field.equals("index")) {
        index = scalarInt(parser, -1);
      } else if (field.equals("function") && value == JsonToken.START_OBJECT) {
        while (next(parser) == JsonToken.FIELD_NAME) {
          String part = parser.currentName();
          next(parser);
          if (part.equals("name")) {
            name = string(parser);
          } else if (part.equals("arguments")) {
            arguments = parser.currentToken().isScalarValue() ? parser.getValueAsString("") : skipped(parser, "");
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    return new ChunkFacts.ToolCallPiece(index, name, arguments);
  }

  /** The current value's text when it is a string, else null (a container is skipped). */
  private static String string(JsonParser parser) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : skipped(parser, null);
  }

  private static int scalarInt(JsonParser parser, int otherwise) throws IOException {
    return parser.currentToken().isScalarValue() ? parser.getValueAsInt(otherwise) : skipped(parser, otherwise);
  }

  /**
   * The next token of a chunk. The fed parser answers NOT_AVAILABLE where the bytes end inside the
   * JSON (the blocking parser threw at the end of its input): that ends the chunk as bad JSON here,
   * so no loop over its members or elements waits for bytes that never come.
   */
  private static JsonToken next(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.NOT_AVAILABLE) {
      throw new JsonEOFException(parser, null, "The chunk ends inside its JSON");
    }
    return token;
  }

  private static <T> T skipped(JsonParser parser, T value) throws IOException {
    parser.skipChildren();
    return value;
  }
}
