package io.gatehouse.tedee;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatehouse.config.VendorsProperties;
import io.gatehouse.config.VendorsProperties.TokenVendor;
import io.gatehouse.ingress.WebhookRejection;

/**
 * Tedee does not sign its webhooks: the operator puts a shared token in the webhook URL ({@code ?token=}) or in an
 * {@code Authorization: Bearer} header, and it is compared here in constant time.
 */
@Component
public class TedeeTokenVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(TedeeTokenVerifier.class);
    private static final String BEARER = "Bearer ";

    private final TokenVendor config;

    public TedeeTokenVerifier(VendorsProperties properties) {
        this.config = properties.tedee();
        if (!config.verify()) {
            LOG.warn("gatehouse.vendors.tedee.verify is false: Tedee webhooks are accepted WITHOUT a token. "
                    + "Use this for local trials only.");
        } else if (!config.hasToken()) {
            LOG.warn("No Tedee token configured (gatehouse.vendors.tedee.token / GATEHOUSE_VENDORS_TEDEE_TOKEN): "
                    + "every Tedee webhook will be refused.");
        }
    }

    public void verify(Exchange exchange) {
        if (!config.verify()) {
            return;
        }
        if (!config.hasToken()) {
            throw WebhookRejection.unauthorized("vendor_not_configured",
                    "Gatehouse has no Tedee token configured, so it cannot accept Tedee webhooks");
        }
        String presented = presentedToken(exchange);
        if (presented == null) {
            throw WebhookRejection.unauthorized("missing_token",
                    "Tedee webhooks must carry the shared token as ?token= or Authorization: Bearer");
        }
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                config.token().getBytes(StandardCharsets.UTF_8))) {
            throw WebhookRejection.unauthorized("invalid_token", "the Tedee token does not match");
        }
    }

    private static String presentedToken(Exchange exchange) {
        String authorization = exchange.getIn().getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        // platform-http turns each query parameter into a header of the same name
        return exchange.getIn().getHeader("token", String.class);
    }
}
