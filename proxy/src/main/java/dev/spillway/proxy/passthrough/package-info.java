/**
 * Pass-through of the client's bytes: a request body is parsed once into a tree that remembers
 * where each top-level member's bytes lie ({@link SplicedObject}), so the body sent upstream is the
 * client's bytes with only the changed members re-encoded (the model name, a default, the
 * stream's usage option), not the whole tree serialised again. Copying bytes is then the only
 * per-call cost that grows with the prompt on the way up.
 */
package dev.spillway.proxy.passthrough;
