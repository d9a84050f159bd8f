/**
 * The Spillway API, group {@code spillway.dev}, version {@code v1alpha1}.
 *
 * <p>Spec and status types are plain Jackson beans with public fields: they are data, read by the
 * compiler and the CRD generator, and carry no behaviour. Boxed types mark optional fields, so the
 * compiler can tell "absent" (use the default) from "set" (validate it).
 */
package dev.spillway.api.v1alpha1;
