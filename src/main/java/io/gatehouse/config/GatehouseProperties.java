package io.gatehouse.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Operator-facing configuration under {@code gatehouse.*}; every key is documented in the top-level application.yaml.
 */
@Validated
@ConfigurationProperties("gatehouse")
public record GatehouseProperties(
        @Valid @DefaultValue Ingress ingress,
        @Valid @DefaultValue Vendors vendors,
        @Valid @DefaultValue Api api,
        @Valid @DefaultValue Events events) {

    /** Limits applied to every webhook before anything else looks at it. */
    public record Ingress(@NotNull @DefaultValue("256KB") DataSize maxBodySize,
                          @NotNull @DefaultValue("10s") Duration bodyReadTimeout) {
        public Ingress {
            if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "gatehouse.ingress.body-read-timeout must be positive, was " + bodyReadTimeout);
            }
            if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > 16 * 1024 * 1024) {
                throw new IllegalArgumentException(
                        "gatehouse.ingress.max-body-size must be between 1B and 16MB, was " + maxBodySize);
            }
        }
    }

    public record Vendors(@Valid @DefaultValue SignedVendor seam,
                          @Valid @DefaultValue SignedVendor verkada,
                          @Valid @DefaultValue TokenVendor tedee) {
    }

    /**
     * A vendor that signs its webhooks with a shared secret.
     *
     * @param secret          the signing secret (Seam: {@code whsec_...}; Verkada: the webhook secret)
     * @param verify          false switches verification off, for local trials only
     * @param timestampTolerance how far a signed timestamp may be from our clock
     */
    public record SignedVendor(String secret,
                               @DefaultValue("true") boolean verify,
                               @NotNull @DefaultValue("5m") Duration timestampTolerance) {
        public boolean hasSecret() {
            return secret != null && !secret.isBlank();
        }
    }

    /** A vendor that does not sign but sends a shared token (Tedee). */
    public record TokenVendor(String token, @DefaultValue("true") boolean verify) {
        public boolean hasToken() {
            return token != null && !token.isBlank();
        }
    }

    /** The read API under /api. */
    public record Api(String token,
                      @Min(1) @Max(1000) @DefaultValue("50") int defaultPageSize,
                      @Min(1) @Max(5000) @DefaultValue("500") int maxPageSize) {
    }

    /**
     * Canonical event settings.
     *
     * @param severity        default severity per canonical type, overriding the built-in defaults
     * @param batteryLowBelow battery level (0-100) under which a battery report counts as device.battery_low
     */
    public record Events(@DefaultValue Map<String, String> severity,
                         @Min(0) @Max(100) @DefaultValue("20") int batteryLowBelow) {
    }
}
