/** What operators see of Gatehouse: its metrics, the event context of its log lines, its OpenAPI document. */
package io.gatehouse.ops;
