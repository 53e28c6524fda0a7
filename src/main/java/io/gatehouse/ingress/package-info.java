/**
 * The HTTP edge of a webhook, whatever its source: guarding the request, keeping its exact bytes, checking its JSON,
 * signature primitives, turning a verified payload into an inbox entry, and the JSON replies a vendor gets.
 */
package io.gatehouse.ingress;
