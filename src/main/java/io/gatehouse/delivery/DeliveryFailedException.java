package io.gatehouse.delivery;

import java.time.Duration;

/** A channel refused or could not take an alert; {@code retryAfter} is the wait the receiver asked for, if any. */
public class DeliveryFailedException extends RuntimeException {

    private final transient Duration retryAfter;

    public DeliveryFailedException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
