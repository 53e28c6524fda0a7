/**
 * The common part of receiving a webhook: guarding the request, keeping its exact bytes, turning a verified payload
 * into an inbox entry, and the JSON replies a vendor gets.
 */
package io.gatehouse.ingress;
