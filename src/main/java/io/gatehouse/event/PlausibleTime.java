package io.gatehouse.event;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a vendor's time can be when an event happened: not before 2000-01-01 (no access system Gatehouse talks
 * to is older, and 1970 is what a zero or missing epoch gives) and at most a day after Gatehouse received it (room
 * for a skewed device clock). A time outside, such as the year 300 000, does not date the event: it would sort
 * above every real event for good, break time filters, and it cannot be shown by a browser ("Invalid time value")
 * nor, beyond the year 294 276, stored by PostgreSQL.
 */
public final class PlausibleTime {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Duration MAX_AHEAD_OF_RECEIPT = Duration.ofDays(1);

    private PlausibleTime() {
    }

    /** True when {@code occurredAt} is between {@link #EARLIEST} and a day after {@code receivedAt}, both included. */
    public static boolean of(Instant occurredAt, Instant receivedAt) {
        return occurredAt != null && !occurredAt.isBefore(EARLIEST)
                && !occurredAt.isAfter(receivedAt.plus(MAX_AHEAD_OF_RECEIPT));
    }
}
