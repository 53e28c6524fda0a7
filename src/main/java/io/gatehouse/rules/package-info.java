/** Alert rules: their configuration, validation, matching of events, thresholds and throttling. */
package io.gatehouse.rules;
