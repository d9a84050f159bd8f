package dev.spillway.config;

/** Where a credential lives: never the credential itself. */
public record SecretRef(String name, String key) {
  @Override
  public String toString() {
    return name + "/" + key;
  }
}
