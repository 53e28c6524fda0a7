package io.gatehouse.normalize;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The recovery sweep ({@code gatehouse.recovery.*}, routes/normalize/recovery.camel.yaml), which normalizes the events
 * that were acknowledged but not normalized; the defaults are written in application.yaml, where the route reads the
 * interval.
 *
 * @param interval how often (ms) to look for events that were acknowledged but not normalized (after a crash or a
 *                 burst)
 * @param grace    how old such an event must be before the sweep takes it, so that the normal path is not raced
 */
@Validated
@ConfigurationProperties("gatehouse.recovery")
public record RecoveryProperties(long interval, @NotNull Duration grace) {
}
