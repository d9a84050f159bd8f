/**
 * State every replica of one router shares through Redis (or Valkey): rate-limit buckets, budget
 * spend with reservations, and the marks that make one replica's open circuit, resting target or
 * refused credential every replica's. The request path never waits on Redis longer than a short,
 * bounded admission call; everything else is written asynchronously (Lettuce pipelines the writes
 * on one connection) and read from a cache refreshed in the background. When Redis is slow or gone
 * every replica decides alone, with limits divided by the replicas last seen alive, and says so.
 */
package dev.spillway.proxy.shared;
