package dev.spillway.proxy.standalone;

import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.LoadedResources;
import dev.spillway.compiler.Problem;
import dev.spillway.compiler.ResourceYaml;
import dev.spillway.compiler.SecretCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the folder's YAML and compiles it with the one shared compiler, so a folder means exactly
 * what the same files would mean applied to a cluster.
 */
final class FolderConfigLoader {
  private final Path folder;
  private final SecretCatalog extraSecrets;
  private final ConfigCompiler compiler = new ConfigCompiler();

  /** @param extraSecrets Secrets provided outside the folder (the environment) */
  FolderConfigLoader(Path folder, SecretCatalog extraSecrets) {
    this.folder = folder;
    this.extraSecrets = extraSecrets;
  }

  Path folder() {
    return folder;
  }

  FolderLoad load() {
    LoadedResources loaded = ResourceYaml.readFolder(folder);
    CompileResult compiled = compiler.compile(loaded.toResourceSet(extraSecrets));
    // Compile even when some documents were unreadable, so one save shows every problem at once.
    List<Problem> problems = new ArrayList<>(loaded.problems());
    problems.addAll(compiled.problems());
    return problems.isEmpty()
        ? new FolderLoad(compiled.config(), loaded.secrets(), List.of())
        : new FolderLoad(null, loaded.secrets(), problems);
  }
}
