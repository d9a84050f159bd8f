/**
 * In-cluster mode: the config comes from the ConfigMap the operator publishes, watched through the
 * Kubernetes API, and credentials from the Secret files mounted into the pod.
 */
package dev.spillway.proxy.cluster;
