/** What operators see across features: the event context of every log line, and retention of old data. */
package io.gatehouse.ops;
