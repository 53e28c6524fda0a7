package io.gatehouse.telemetry;

/**
 * The MDC keys that name what a log line is about; the JSON logs carry them as fields. Set for every route step by
 * {@code ops.EventLogContext}, and by hand on threads that work for many events in turn (the event recorder's).
 */
public final class LogFields {

    public static final String EVENT_ID = "eventId";
    public static final String VENDOR = "vendor";
    public static final String ALERT_ID = "alertId";
    public static final String CHANNEL = "channel";

    private LogFields() {
    }
}
