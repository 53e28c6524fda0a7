package io.gatehouse.ops;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What is kept, and how often the rest is purged ({@code gatehouse.retention.*}, routes/retention.camel.yaml); the
 * defaults are written in application.yaml, where the route reads the interval.
 *
 * @param keep     events, their raw payloads and alerts older than this are deleted
 * @param interval how often (ms) the purge runs
 */
@Validated
@ConfigurationProperties("gatehouse.retention")
public record RetentionProperties(@NotNull Duration keep, long interval) {
}
