/**
 * Which Router serves which namespace, and what its last pass found there (the compile, the config
 * the proxies serve, the live numbers): written by the Router controller, read by the controllers
 * that own the status of LogicalModels, ProviderAccounts and RoutingPolicies.
 */
package dev.spillway.operator.serving;
