package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** A logical model and the logical models to fall back to, in order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Route {
  @JsonPropertyDescription("LogicalModel that serves matching requests, whatever model they name.")
  public String model;

  @JsonPropertyDescription("LogicalModels to try, in order, after every target of model has failed.")
  public List<String> fallbacks;
}
