package dev.spillway.compiler;

/**
 * One reason a resource set does not compile.
 *
 * @param kind resource kind, e.g. ProviderAccount
 * @param name resource name
 * @param field path of the offending field, e.g. spec.targets[1].account
 * @param message what is wrong, in words a user can act on
 */
public record Problem(String kind, String name, String field, String message) {

  /**
   * One readable line: {@code RoutingPolicy/chat-default spec.priority: duplicate priority 10 …}; a
   * problem with the whole document (field "") leaves the field out.
   */
  @Override
  public String toString() {
    return kind + "/" + name + (field.isEmpty() ? "" : " " + field) + ": " + message;
  }
}
