package dev.spillway.proxy.cluster;

/** A ConfigMap named {@code <namespace>/<name>} on the command line. */
public record ConfigMapRef(String namespace, String name) {

  /** @throws IllegalArgumentException unless the text is {@code namespace/name} */
  public static ConfigMapRef parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException("expected <namespace>/<name>, got '" + text + "'");
    }
    return new ConfigMapRef(parts[0], parts[1]);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
