/**
 * Sinks: every stored event a sink's match wants, streamed to a security data platform (Kafka as CloudEvents,
 * Splunk HEC, CloudEvents over HTTP) from a transactional outbox, in order and without loss.
 */
package io.gatehouse.sinks;
