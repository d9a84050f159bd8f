package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Who may use the proxies' admin port (metrics, stats, the live page, evals). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdminSpec {
  @JsonPropertyDescription("A kubernetes.io/basic-auth Secret in the Router's namespace (keys username and password,"
      + " labelled spillway.dev/credentials=true so the operator may read it). Every admin endpoint but the probes"
      + " then asks for these HTTP Basic credentials: the live page in a browser, top, Prometheus (basic_auth in"
      + " its scrape config) and the operator's own scraping. A rotated password applies with no restart.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  public String credentialsSecret;
}
