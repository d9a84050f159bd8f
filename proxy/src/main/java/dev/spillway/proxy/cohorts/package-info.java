/**
 * Sticky cohorts and experiments: a stickiness key (header or body field) maps a user to a target
 * by weighted rendezvous hashing, so the user stays there until health forces a move and adding or
 * removing a target moves only its share; experiments split users by weight the same way.
 */
package dev.spillway.proxy.cohorts;
