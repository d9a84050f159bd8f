package dev.spillway.compiler;

import java.nio.file.Path;

/**
 * Reads Spillway resources (and Secrets) from YAML: the same files a user would {@code kubectl
 * apply}. Multi-document files are supported; problems are collected, not thrown.
 */
public final class ResourceYaml {
  private ResourceYaml() {}

  /** Reads every *.yaml / *.yml file directly in the folder (sorted by name). */
  public static LoadedResources readFolder(Path folder) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Reads one YAML text that may hold several documents; origin names it in problems. */
  public static LoadedResources readString(String origin, String yaml) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
