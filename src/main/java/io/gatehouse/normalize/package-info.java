/**
 * Normalization: a stored event mapped to the canonical event by its vendor's definition (CanonicalMapper), when
 * stored events are normalized (routine and alerting lanes), the recovery sweep that normalizes what was acknowledged
 * but never normalized, failures and replay.
 */
package io.gatehouse.normalize;
