package dev.spillway.proxy.validation;

/**
 * A parameter's place in the body ({@code messages[2].content}), spelled out only when an error
 * names it: every member and element of a valid body is checked, and building each one's path as
 * a string was most of the validation's cost for a long conversation.
 */
public final class ParamPath {
  /** The body itself: its members' paths are their bare names. */
  static final ParamPath BODY = new ParamPath(null, null, -1);

  private final ParamPath parent;
  private final String name;
  private final int index;

  private ParamPath(ParamPath parent, String name, int index) {
    this.parent = parent;
    this.name = name;
    this.index = index;
  }

  ParamPath member(String member) {
    return new ParamPath(this, member, -1);
  }

  ParamPath element(int element) {
    return new ParamPath(this, null, element);
  }

  @Override
  public String toString() {
    return append(new StringBuilder()).toString();
  }

  private StringBuilder append(StringBuilder out) {
    if (parent == null) {
      return out;
    }
    parent.append(out);
    if (name == null) {
      return out.append('[').append(index).append(']');
    }
    return (parent == BODY ? out : out.append('.')).append(name);
  }
}
