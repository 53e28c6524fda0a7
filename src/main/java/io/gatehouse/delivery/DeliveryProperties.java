package io.gatehouse.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alerts are delivered ({@code gatehouse.delivery.*}) and sent ({@code gatehouse.mail.*},
 * {@code gatehouse.slack.*}).
 *
 * @param pollInterval       how often due deliveries are looked for
 * @param maxAttempts        attempts before a delivery is marked failed
 * @param initialBackoff     wait after the first failure; doubled after each further one
 * @param maxBackoff         the longest wait between attempts
 * @param rateLimitedBackoff wait after a Slack 429 that carries no Retry-After
 * @param lease              how long a claimed delivery is its sender's before another may take it over, unless the
 *                           sender renews it (it does while the send lasts); at least three lease renewal intervals.
 *                           A delivery left by a process that died holds its channel's later alerts this long at most.
 * @param leaseRenewalInterval how often the lease of the send in flight is renewed
 */
@ConfigurationProperties("gatehouse.delivery")
public record DeliveryProperties(@DefaultValue("1s") Duration pollInterval,
                                 @DefaultValue("8") int maxAttempts,
                                 @DefaultValue("5s") Duration initialBackoff,
                                 @DefaultValue("15m") Duration maxBackoff,
                                 @DefaultValue("30s") Duration rateLimitedBackoff,
                                 @DefaultValue("5s") Duration lease,
                                 @DefaultValue("1s") Duration leaseRenewalInterval) {
}
