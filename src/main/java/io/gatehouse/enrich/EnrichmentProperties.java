package io.gatehouse.enrich;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Vendor API lookups under {@code gatehouse.enrichment}.
 *
 * @param timeout    the longest an event waits for vendor APIs; after it, it goes on with its ids (enrichment
 *                   {@code failed})
 * @param retryAfter after a failed or timed-out lookup, that vendor's API is not asked again for this long, so a
 *                   dead API costs one timeout, not one per event
 */
@Validated
@ConfigurationProperties("gatehouse.enrichment")
public record EnrichmentProperties(@DefaultValue("2s") Duration timeout,
                                   @DefaultValue("30s") Duration retryAfter,
                                   @Valid @DefaultValue Cache cache,
                                   @DefaultValue VendorApi seam,
                                   @DefaultValue VendorApi tedee) {

    public EnrichmentProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("gatehouse.enrichment.timeout must be longer than zero, was " + timeout);
        }
    }

    /** What vendors answered is kept for {@code ttl}, at most {@code maxSize} answers. */
    public record Cache(@Min(1) @DefaultValue("10000") long maxSize, @DefaultValue("1h") Duration ttl) {
    }

    /** A vendor API: Gatehouse asks it only when a key is set; the base URL is configurable for tests and proxies. */
    public record VendorApi(String apiKey, String baseUrl) {
        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }
    }
}
