/**
 * The Router controller: compiles the Spillway resources of the namespace a Router serves with the
 * shared compiler, publishes the config, keeps the proxy's Kubernetes objects as desired and
 * reports status on every resource.
 */
package dev.spillway.operator.router;
