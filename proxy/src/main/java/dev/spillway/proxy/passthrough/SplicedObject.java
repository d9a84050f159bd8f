package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON object parsed from bytes that still knows them: each top-level member that holds the very
 * value it was parsed with (the same node, by identity) is written back as its original bytes, and
 * only members set, replaced or added since are encoded. Copies made with {@link #shallowCopy}
 * keep that knowledge, so each attempt's shaped body (the client's members with a few set) splices
 * too.
 *
 * <p>Identity is what makes this safe: code that changes a member replaces its value (the
 * request path's rule: shaped bodies share their nested values with the client's request, so
 * nested values are never changed in place). A nested value changed in place would not be seen.
 * Copies made any other way ({@code deepCopy}, a new node) are plain trees and serialise as usual.
 */
public final class SplicedObject extends ObjectNode {
  private final RawMembers raw;

  SplicedObject(RawMembers raw) {
    super(JsonNodeFactory.instance);
    this.raw = raw;
  }

  /** A new object with the same members (values shared, not copied), splicing like {@code object}. */
  public static ObjectNode shallowCopy(ObjectNode object) {
    ObjectNode copy = object instanceof SplicedObject spliced ? new SplicedObject(spliced.raw) : object.objectNode();
    copy.setAll(object);
    return copy;
  }

  /** The JSON bytes of {@code object}: spliced from its original bytes where it has them. */
  public static byte[] bytes(ObjectNode object, ObjectMapper mapper) {
    try {
      return object instanceof SplicedObject spliced ? spliced.splice(mapper) : mapper.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private byte[] splice(ObjectMapper mapper) throws JsonProcessingException {
    // Pieces first, then one array of the exact size: a 1 MB prompt is copied once, not twice.
    List<byte[]> encoded = new ArrayList<>(2);
    int[] pieces = new int[size() * 2];
    int length = 2 + Math.max(0, size() - 1);
    int i = 0;
    boolean asParsed = raw.unique() && size() == raw.size();
    for (Map.Entry<String, JsonNode> member : properties()) {
      RawMembers.Member original = raw.member(member.getKey());
      if (original != null && original.holds(member.getValue())) {
        asParsed &= original.index() == i / 2;
        pieces[i] = original.start();
        pieces[i + 1] = original.end();
        length += original.end() - original.start();
      } else {
        byte[] bytes = encode(mapper, member.getKey(), member.getValue());
        asParsed = false;
        pieces[i] = -1 - encoded.size();
        encoded.add(bytes);
        length += bytes.length;
      }
      i += 2;
    }
    if (asParsed) {
      return raw.bytes(); // nothing changed: the bytes as they came (never written to)
    }
    byte[] out = new byte[length];
    out[0] = '{';
    int at = 1;
    for (int p = 0; p < i; p += 2) {
      if (p > 0) {
        out[at++] = ',';
      }
      if (pieces[p] >= 0) {
        System.arraycopy(raw.bytes(), pieces[p], out, at, pieces[p + 1] - pieces[p]);
        at += pieces[p + 1] - pieces[p];
      } else {
        byte[] bytes = encoded.get(-1 - pieces[p]);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        at += bytes.length;
      }
    }
    out[at] = '}';
    return out;
  }

  /** {@code "name":value}, for a member that is not the one parsed. */
  private static byte[] encode(ObjectMapper mapper, String name, JsonNode value) throws JsonProcessingException {
    byte[] key = mapper.writeValueAsBytes(name);
    byte[] encoded = mapper.writeValueAsBytes(value);
    byte[] out = new byte[key.length + 1 + encoded.length];
    System.arraycopy(key, 0, out, 0, key.length);
    out[key.length] = ':';
    System.arraycopy(encoded, 0, out, key.length + 1, encoded.length);
    return out;
  }
}
