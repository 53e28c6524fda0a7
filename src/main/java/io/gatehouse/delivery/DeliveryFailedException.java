package io.gatehouse.delivery;

import java.time.Duration;

/**
 * A channel refused or could not take an alert; {@code retryAfter} is the wait the receiver asked for, if any.
 * A permanent failure (an unknown channel, a revoked token, a refused event) will not pass by being retried: the
 * delivery fails at once, with the reason, instead of holding back its channel's later alerts.
 */
public class DeliveryFailedException extends RuntimeException {

    private final transient Duration retryAfter;
    private final boolean permanent;

    public DeliveryFailedException(String message, Duration retryAfter, Throwable cause) {
        this(message, retryAfter, false, cause);
    }

    private DeliveryFailedException(String message, Duration retryAfter, boolean permanent, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.permanent = permanent;
    }

    /** A failure that retrying cannot mend. */
    public static DeliveryFailedException permanent(String message, Throwable cause) {
        return new DeliveryFailedException(message, null, true, cause);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean permanent() {
        return permanent;
    }
}
