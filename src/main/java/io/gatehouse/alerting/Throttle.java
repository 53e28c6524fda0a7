package io.gatehouse.alerting;

import java.time.Duration;
import java.time.Instant;

/** At most one alert per rule and group per interval. */
final class Throttle {

    private Throttle() {
    }

    /** True when an alert at {@code now} falls within {@code interval} of the previous one. */
    static boolean silences(Instant lastAlertAt, Duration interval, Instant now) {
        return lastAlertAt != null && now.isBefore(lastAlertAt.plus(interval));
    }
}
