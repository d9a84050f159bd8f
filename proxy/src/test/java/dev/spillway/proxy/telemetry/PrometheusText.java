package dev.spillway.proxy.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text scrape, read into samples a test can look up by name and labels. */
final class PrometheusText {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+).*$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples = new ArrayList<>();

  PrometheusText(String text) {
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
  }

  /** The sum over samples of this name whose labels include all of {@code labels}. */
  double sum(String name, Map<String, String> labels) {
    return samples(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  /** The samples of this name whose labels include all of {@code labels}. */
  List<Sample> samples(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  double sum(String name) {
    return sum(name, Map.of());
  }

  boolean has(String name) {
    return has(name, Map.of());
  }

  /** A sample of this name whose labels include all of {@code labels} exists (zero or not). */
  boolean has(String name, Map<String, String> labels) {
    return samples.stream()
        .anyMatch(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
  }
}
