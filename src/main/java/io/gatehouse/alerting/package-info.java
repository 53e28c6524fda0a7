/**
 * Alerting: the rules and channels in force (validated, reloaded), matching events, thresholds and throttling, and
 * the alerts raised with a pending delivery per channel.
 */
package io.gatehouse.alerting;
