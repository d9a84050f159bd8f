package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TagScore {
  public String tag;
  public Double candidate;
  public Double incumbent;
}
