package io.gatehouse.enrich;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Vendor API lookups under {@code gatehouse.enrichment}, for what the directory does not name; the defaults are
 * written in application.yaml.
 *
 * @param timeout    the longest an event waits for vendor APIs; after it, it goes on with its ids (enrichment
 *                   failed)
 * @param retryAfter after a failed or timed-out lookup, that vendor's API is not asked again for this long, so a
 *                   dead API costs one timeout, not one per event
 * @param cache      how many answers are kept, and how long
 * @param seam       Seam's API: device names and locations, access code names
 * @param tedee      Tedee's API: lock names and time zones
 */
@Validated
@ConfigurationProperties("gatehouse.enrichment")
public record EnrichmentProperties(@NotNull Duration timeout,
                                   @NotNull Duration retryAfter,
                                   @Valid @NotNull Cache cache,
                                   @Valid @NotNull VendorApi seam,
                                   @Valid @NotNull VendorApi tedee) {

    public EnrichmentProperties {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("gatehouse.enrichment.timeout must be longer than zero, was " + timeout);
        }
    }

    /**
     * What vendors answered is kept for {@code ttl}, at most {@code maxSize} answers.
     *
     * @param maxSize the most answers kept
     * @param ttl     how long an answer is kept
     */
    public record Cache(@Min(1) long maxSize, @NotNull Duration ttl) {
    }

    /**
     * A vendor API: Gatehouse asks it only when a key is set; the base URL is configurable for tests and proxies.
     *
     * @param apiKey  the key Gatehouse presents (Seam: an API key seam_...; Tedee: a personal access key with
     *                Device.Read); no lookups while it is empty
     * @param baseUrl where the API is served
     */
    public record VendorApi(String apiKey, @NotBlank String baseUrl) {
        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }
    }
}
