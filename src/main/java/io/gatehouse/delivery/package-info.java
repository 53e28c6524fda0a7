/** Alert delivery: the durable delivery queue and each channel kind's message and sender (Slack, email, log). */
package io.gatehouse.delivery;
