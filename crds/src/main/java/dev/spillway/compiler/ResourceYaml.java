package dev.spillway.compiler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.spillway.api.v1alpha1.EvalSet;
import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.api.v1alpha1.SpillwayApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads Spillway resources (and Secrets) from YAML: the same files a user would {@code kubectl
 * apply}. Multi-document files are supported; problems are collected, not thrown.
 */
public final class ResourceYaml {
  private static final Map<String, Class<? extends HasMetadata>> SPILLWAY_KINDS = Map.of(
      "ProviderAccount", ProviderAccount.class,
      "LogicalModel", LogicalModel.class,
      "RoutingPolicy", RoutingPolicy.class,
      "Router", Router.class,
      "EvalSet", EvalSet.class,
      "ModelRollout", ModelRollout.class);
  private static final Map<String, DataDocument> DATA_KINDS =
      Map.of("Secret", DataDocument.SECRET, "ConfigMap", DataDocument.CONFIG_MAP);
  private static final String SUPPORTED = "ProviderAccount, LogicalModel, RoutingPolicy, Router, EvalSet,"
      + " ModelRollout (" + SpillwayApi.API_VERSION + "), Secret and ConfigMap (v1)";
  /** A key written twice in one mapping silently keeps the last: almost always a mistake. */
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  /**
   * The largest config file read. Resource YAML is a few kilobytes; a larger file is a mistake (a
   * log, a dump) and parsing megabytes of YAML takes seconds, so it is refused before reading.
   */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private ResourceYaml() {}

  /**
   * Reads every *.yaml / *.yml file directly in the folder (sorted by name; sub-folders are not
   * read). A name that cannot be read as a config file (a dangling or looping symbolic link, a
   * file too large, not UTF-8 text) is a problem naming it, never skipped in silence.
   */
  public static LoadedResources readFolder(Path folder) {
    ResourceCollector collector = new ResourceCollector();
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(ResourceYaml::isConfigName).sorted().collect(Collectors.toList());
    } catch (IOException | RuntimeException e) {
      collector.problems().add(new Problem("Folder", folder.toString(), "",
          "cannot list the folder: " + e.getClass().getSimpleName()));
      return collector.build(folder.toString());
    }
    for (Path file : files) {
      String origin = file.getFileName().toString();
      try {
        readDocuments(origin, ConfigFile.text(file, MAX_FILE_BYTES), collector);
      } catch (ConfigFile.Unusable unusable) {
        collector.problems().add(new Problem("File", origin, "", unusable.getMessage()));
      }
    }
    return collector.build(folder.toString());
  }

  /** Reads one YAML text that may hold several documents; origin names it in problems. */
  public static LoadedResources readString(String origin, String yaml) {
    ResourceCollector collector = new ResourceCollector();
    readDocuments(origin, yaml, collector);
    return collector.build(origin);
  }

  /**
   * Reads several YAML texts as one set (files named on a command line, standard input).
   *
   * @param texts origin (file name, {@code <stdin>}) → YAML, in the order given
   */
  public static LoadedResources readTexts(String source, Map<String, String> texts) {
    ResourceCollector collector = new ResourceCollector();
    texts.forEach((origin, yaml) -> readDocuments(origin, yaml, collector));
    return collector.build(source);
  }

  /**
   * A YAML name that is not a folder: what the name promises is then checked, and reported when
   * it fails (a broken link included).
   */
  public static boolean isConfigName(Path path) {
    String name = path.getFileName().toString();
    return (name.endsWith(".yaml") || name.endsWith(".yml")) && !Files.isDirectory(path);
  }

  private static void readDocuments(String origin, String yaml, ResourceCollector collector) {
    int index = 0;
    // A parser rather than a MappingIterator: the iterator would unwrap a top-level list into
    // separate documents.
    try (JsonParser parser = YAML.createParser(yaml)) {
      // Counted before reading, so a syntax error names the document it is in.
      for (index = 1; parser.nextToken() != null; index++) {
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode document = YAML.readTree(parser);
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          readDocument(document, new DocumentLocation(origin, index, line), collector);
        }
      }
    } catch (JsonProcessingException e) {
      // The parser cannot resynchronise after a syntax error: the rest of the file is lost.
      // A limit (nesting depth, document size) has no location.
      DocumentLocation location = new DocumentLocation(origin, index,
          e.getLocation() == null ? 0 : e.getLocation().getLineNr());
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      collector.problems().add(new Problem(DocumentProblems.UNKNOWN_KIND, location.toString(), "",
          "is not valid YAML" + where + ": " + firstLine(e.getOriginalMessage())));
    } catch (IOException e) {
      collector.problems().add(new Problem(DocumentProblems.UNKNOWN_KIND, origin, "",
          "cannot read: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * The parser's own words without the excerpt of the source it appends: that excerpt could be a
   * line of a Secret.
   */
  private static String firstLine(String message) {
    String first = message == null ? "syntax error" : message.strip().lines().findFirst().orElse("syntax error");
    int excerpt = first.indexOf(" in 'reader'");
    return excerpt < 0 ? first : first.substring(0, excerpt);
  }

  private static void readDocument(JsonNode document, DocumentLocation location, ResourceCollector collector) {
    String kind = document.path("kind").isTextual() ? document.get("kind").asText() : null;
    String name = document.path("metadata").path("name").isTextual()
        ? document.get("metadata").get("name").asText() : null;
    DocumentProblems problems = new DocumentProblems(kind, name, location, collector.problems());
    if (!document.isObject()) {
      problems.report("", "is not a resource (" + location + "): expected a mapping with apiVersion and kind");
      return;
    }
    if (kind == null) {
      problems.report("kind", "is required (" + location + "): one of " + SUPPORTED);
      return;
    }
    String apiVersion = document.path("apiVersion").asText(null);
    String expectedApiVersion = DATA_KINDS.containsKey(kind) ? "v1"
        : SPILLWAY_KINDS.containsKey(kind) ? SpillwayApi.API_VERSION : null;
    if (expectedApiVersion == null) {
      problems.report("kind", "unsupported kind \"" + kind + "\" (" + location + "): use " + SUPPORTED);
      return;
    }
    if (!expectedApiVersion.equals(apiVersion)) {
      problems.report("apiVersion", "must be " + expectedApiVersion + " for kind " + kind + ", got "
          + (apiVersion == null ? "none" : "\"" + apiVersion + "\"") + " (" + location + ")");
      return;
    }
    if (name == null || name.isBlank()) {
      problems.report("metadata.name", "is required (" + location + ")");
      return;
    }
    collector.locate(kind, name, location);
    DataDocument data = DATA_KINDS.get(kind);
    if (data != null) {
      Map<String, String> values = data.values(document, location, problems);
      if (values != null) {
        collector.addData(data, name, values, location);
      }
      return;
    }
    HasMetadata resource = TypedDocumentReader.read(document, SPILLWAY_KINDS.get(kind), location, problems);
    if (resource != null) {
      collector.add(resource, location);
    }
  }
}
