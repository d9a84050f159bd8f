package dev.spillway.compiler;

/**
 * The one place that knows what the resources mean: turns a {@link ResourceSet} into a {@link
 * dev.spillway.config.RouterConfig}, or into every problem found. Pure and thread-safe.
 */
public final class ConfigCompiler {
  public CompileResult compile(ResourceSet resources) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
