package io.gatehouse.delivery;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How alerts are delivered ({@code gatehouse.delivery.*}); the defaults are written in application.yaml, where
 * routes/deliver/deliveries.camel.yaml reads the two intervals.
 *
 * @param pollInterval         how often (ms) due deliveries are looked for: retries, and alerts another instance
 *                             raised; a new alert wakes the queue as soon as it is committed
 * @param maxAttempts          attempts per delivery before it is marked failed (it stays listed, and can be retried)
 * @param initialBackoff       wait after the first failure, doubled after each further one
 * @param maxBackoff           the longest wait between attempts
 * @param rateLimitedBackoff   wait after a Slack 429 whose Retry-After Gatehouse cannot see (camel-slack hides
 *                             incoming webhooks' headers)
 * @param lease                how long a delivery being sent is its sender's before another process may take it
 *                             over, renewed while the send lasts; at least three lease renewal intervals. Until it
 *                             ends, a delivery left by a process that died holds back its channel's later alerts
 * @param leaseRenewalInterval how often (ms) the lease of the send in flight is renewed
 */
@Validated
@ConfigurationProperties("gatehouse.delivery")
public record DeliveryProperties(@NotNull Duration pollInterval,
                                 @NotNull Integer maxAttempts,
                                 @NotNull Duration initialBackoff,
                                 @NotNull Duration maxBackoff,
                                 @NotNull Duration rateLimitedBackoff,
                                 @NotNull Duration lease,
                                 @NotNull Duration leaseRenewalInterval) {
}
