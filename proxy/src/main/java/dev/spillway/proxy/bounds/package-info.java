/**
 * Bounds shared by the client side and the upstream side of the proxy: deadlines on bodies that
 * stop arriving. (Size bounds live where the bytes are gathered.)
 */
package dev.spillway.proxy.bounds;
