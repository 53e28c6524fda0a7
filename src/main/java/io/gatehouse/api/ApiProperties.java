package io.gatehouse.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The read API under /api ({@code gatehouse.api.*}); the defaults are written in application.yaml.
 *
 * @param token           the bearer token for /api/**; when empty, a random token is generated at start-up and
 *                        logged once
 * @param defaultPageSize the GET /api/events page size when ?limit= is not given
 * @param maxPageSize     the largest ?limit= allowed
 */
@Validated
@ConfigurationProperties("gatehouse.api")
public record ApiProperties(String token,
                            @Min(1) @Max(1000) int defaultPageSize,
                            @Min(1) @Max(5000) int maxPageSize) {
}
