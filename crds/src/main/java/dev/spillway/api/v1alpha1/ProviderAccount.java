package dev.spillway.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One set of credentials at one provider. */
@Group(SpillwayApi.GROUP)
@Version(SpillwayApi.VERSION)
@ShortNames("spa")
@AdditionalPrinterColumn(name = "Provider", jsonPath = ".spec.provider")
@AdditionalPrinterColumn(name = "Health", jsonPath = ".status.health")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Programmed\")].status")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ProviderAccount extends CustomResource<ProviderAccountSpec, ProviderAccountStatus>
    implements Namespaced {}
