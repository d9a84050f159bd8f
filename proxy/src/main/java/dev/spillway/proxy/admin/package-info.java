/**
 * Who may use the admin port: optional HTTP Basic credentials (a username and a password, from the
 * environment or from a mounted {@code kubernetes.io/basic-auth} Secret), required by every admin
 * endpoint when set and presented by the tools that read it ({@code top}, the drill, the operator).
 */
package dev.spillway.proxy.admin;
