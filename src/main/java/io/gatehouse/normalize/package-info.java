/**
 * Normalization: the contract each source's normalizer fulfils, when stored events are normalized (routine and alerting
 * lanes), the recovery sweep that normalizes what was acknowledged but never normalized, failures and replay.
 */
package io.gatehouse.normalize;
