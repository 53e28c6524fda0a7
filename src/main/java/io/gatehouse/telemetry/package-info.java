/** What every feature reports: Gatehouse's metrics and the MDC keys of its log lines. */
package io.gatehouse.telemetry;
