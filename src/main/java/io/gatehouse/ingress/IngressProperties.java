package io.gatehouse.ingress;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits applied to every webhook before anything else looks at it ({@code gatehouse.ingress.*}); the defaults are
 * written in application.yaml.
 *
 * @param maxBodySize     larger webhook bodies are refused with 413 before they are read (at most 16MB)
 * @param bodyReadTimeout a body must have arrived within this long, or the request is answered 408 and nothing is
 *                        stored; it is read without holding a thread
 */
@Validated
@ConfigurationProperties("gatehouse.ingress")
public record IngressProperties(@NotNull DataSize maxBodySize, @NotNull Duration bodyReadTimeout) {

    public IngressProperties {
        if (bodyReadTimeout != null && (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero())) {
            throw new IllegalArgumentException(
                    "gatehouse.ingress.body-read-timeout must be positive, was " + bodyReadTimeout);
        }
        if (maxBodySize != null && (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > 16 * 1024 * 1024)) {
            throw new IllegalArgumentException(
                    "gatehouse.ingress.max-body-size must be between 1B and 16MB, was " + maxBodySize);
        }
    }
}
