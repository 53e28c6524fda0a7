/**
 * Alert delivery: the durable delivery queue and each channel kind's message and sender (Slack, email, log,
 * Microsoft Teams, PagerDuty, signed webhooks), and the channels' test-send.
 */
package io.gatehouse.delivery;
