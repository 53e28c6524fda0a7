package io.gatehouse.normalize;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The two normalization lanes under {@code gatehouse.normalization} (values in application.yaml). The seda queues
 * of routes/normalize/lanes.camel.yaml read these keys as placeholders; this type documents them and refuses a
 * missing or zero value at start-up.
 *
 * @param routine  events their vendor's type table calls routine (badge-ins, locks, unlocks)
 * @param alerting every other event: it may raise an alert, so it never waits behind routine ones
 */
@Validated
@ConfigurationProperties("gatehouse.normalization")
public record NormalizationProperties(@Valid @NotNull Lane routine, @Valid @NotNull Lane alerting) {

    /**
     * @param consumers threads normalizing the lane's events; they mostly wait for the commit they share
     *                  (EventRecorder), and every one of them takes CPU from the webhooks' replies during a burst
     * @param queueSize events waiting for those threads; one that finds the queue full is left to the recovery sweep
     */
    public record Lane(@Positive int consumers, @Positive int queueSize) {
    }
}
