package io.gatehouse.ingress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;


/** The replay guard of signed webhooks: a signed timestamp must be close to Gatehouse's clock. */
public final class SignedTimestamp {

    /** Far beyond any real clock, yet safe from overflow when turned into an instant. */
    private static final long LIMIT_SECONDS = 1L << 40;

    private SignedTimestamp() {
    }

    /** Refuses (401) a timestamp that is not a number of seconds or is further than {@code tolerance} from now. */
    public static void requireFresh(String seconds, Duration tolerance, Clock clock, String where) {
        long value;
        try {
            value = Long.parseLong(seconds.trim());
        } catch (NumberFormatException e) {
            throw WebhookRejection.unauthorized("invalid_timestamp", "the timestamp in " + where
                    + " is not a number of seconds");
        }
        Instant signedAt = Instant.ofEpochSecond(Math.max(Math.min(value, LIMIT_SECONDS), -LIMIT_SECONDS));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            throw WebhookRejection.unauthorized("stale_timestamp", "the timestamp in " + where + " is more than "
                    + tolerance.toSeconds() + " seconds away from Gatehouse's clock");
        }
    }
}
