/** Alert delivery: the configured channels, the durable delivery queue, and the Slack and email messages. */
package io.gatehouse.notify;
