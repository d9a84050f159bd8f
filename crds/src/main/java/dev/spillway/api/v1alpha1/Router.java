package dev.spillway.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One proxy deployment serving the Spillway resources of a namespace. */
@Group(SpillwayApi.GROUP)
@Version(SpillwayApi.VERSION)
@ShortNames("srt")
@AdditionalPrinterColumn(name = "Config", jsonPath = ".status.configVersion")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Router extends CustomResource<RouterSpec, RouterStatus> implements Namespaced {}
