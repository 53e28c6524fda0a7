package io.gatehouse.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How each source proves that a webhook is its own ({@code gatehouse.vendors.*}); the ingress route of each source
 * checks it. Its defaults are written in application.yaml.
 *
 * @param seam    Seam signs its webhooks (Svix / Standard Webhooks)
 * @param verkada Verkada signs its webhooks with the secret entered in Verkada Command
 * @param tedee   Tedee does not sign: a shared token in the webhook URL or an Authorization header
 */
@Validated
@ConfigurationProperties("gatehouse.vendors")
public record VendorsProperties(@Valid @NotNull SignedVendor seam,
                                @Valid @NotNull SignedVendor verkada,
                                @Valid @NotNull TokenVendor tedee) {

    /**
     * A source that signs its webhooks with a shared secret.
     *
     * @param secret             the signing secret (Seam: whsec_...; Verkada: the webhook's secret); without it
     *                           every webhook of this source is refused (401)
     * @param verify             false accepts unsigned webhooks: local trials only, Gatehouse warns at start-up
     * @param timestampTolerance how far the signed timestamp may be from Gatehouse's clock before a webhook counts
     *                           as a replay
     */
    public record SignedVendor(String secret, @NotNull Boolean verify, @NotNull Duration timestampTolerance) {
        public boolean hasSecret() {
            return secret != null && !secret.isBlank();
        }
    }

    /**
     * A source that does not sign but sends a shared token (Tedee).
     *
     * @param token  the token expected as ?token= or as Authorization: Bearer; without it every webhook of this
     *               source is refused (401)
     * @param verify false accepts webhooks without a token: local trials only, Gatehouse warns at start-up
     */
    public record TokenVendor(String token, @NotNull Boolean verify) {
        public boolean hasToken() {
            return token != null && !token.isBlank();
        }
    }
}
