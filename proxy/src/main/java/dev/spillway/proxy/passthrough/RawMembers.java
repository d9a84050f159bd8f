package dev.spillway.proxy.passthrough;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each top-level member of a parsed object lies in its bytes, and the value it was parsed
 * into (a duplicated name keeps its last occurrence, as the tree does).
 */
final class RawMembers {
  /**
   * {@code "name": value} spans {@code [start, end)} of the bytes; {@code value} is its parsed
   * node; {@code index} its place among the members.
   */
  record Member(int start, int end, JsonNode value, int index) {
    /** {@code node} is what was parsed here: the same node, or an equal scalar (a model name set again). */
    boolean holds(JsonNode node) {
      return node == value || (node.isValueNode() && node.equals(value));
    }
  }

  private final byte[] bytes;
  private final Map<String, Member> members = new HashMap<>();
  private boolean duplicated;

  RawMembers(byte[] bytes) {
    this.bytes = bytes;
  }

  void add(String name, int start, int end, JsonNode value) {
    duplicated |= members.put(name, new Member(start, end, value, members.size())) != null;
  }

  /** The bytes hold each name once, so they say exactly what the tree says. */
  boolean unique() {
    return !duplicated;
  }

  int size() {
    return members.size();
  }

  Member member(String name) {
    return members.get(name);
  }

  byte[] bytes() {
    return bytes;
  }
}
