/**
 * Video generation jobs in the OpenAI Videos API's shape ({@code /v1/videos}): each job is routed
 * like any call, driven through create, poll, download and checks by its {@link
 * dev.spillway.proxy.video.JobDriver}, and resubmitted to the next candidate under the same
 * client-held id when a target fails it late, leaves it stuck, or returns a clip that fails its
 * checks.
 */
package dev.spillway.proxy.video;
