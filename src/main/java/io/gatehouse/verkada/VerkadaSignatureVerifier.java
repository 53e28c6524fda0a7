package io.gatehouse.verkada;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatehouse.config.VendorsProperties;
import io.gatehouse.config.VendorsProperties.SignedVendor;
import io.gatehouse.ingress.HmacSha256;
import io.gatehouse.ingress.IngressExchange;
import io.gatehouse.ingress.SignedTimestamp;
import io.gatehouse.ingress.WebhookRejection;

/**
 * Checks {@code Verkada-Signature: <unix seconds>|<hex HMAC-SHA256>}, computed with the shared secret over the exact
 * body bytes followed by {@code |<unix seconds>}. Verkada signs each retry anew, so a stale timestamp is refused.
 */
@Component
public class VerkadaSignatureVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(VerkadaSignatureVerifier.class);
    public static final String HEADER = "Verkada-Signature";

    private final SignedVendor config;
    private final Clock clock;

    public VerkadaSignatureVerifier(VendorsProperties properties, Clock clock) {
        this.config = properties.verkada();
        this.clock = clock;
        if (!config.verify()) {
            LOG.warn("gatehouse.vendors.verkada.verify is false: Verkada webhooks are accepted WITHOUT checking "
                    + "their signature. Use this for local trials only.");
        } else if (!config.hasSecret()) {
            LOG.warn("No Verkada secret configured (gatehouse.vendors.verkada.secret / "
                    + "GATEHOUSE_VENDORS_VERKADA_SECRET): every Verkada webhook will be refused.");
        }
    }

    public void verify(Exchange exchange) {
        if (!config.verify()) {
            return;
        }
        if (!config.hasSecret()) {
            throw WebhookRejection.unauthorized("vendor_not_configured",
                    "Gatehouse has no Verkada webhook secret configured, so it cannot accept Verkada webhooks");
        }
        String header = exchange.getIn().getHeader(HEADER, String.class);
        if (header == null || header.indexOf('|') < 1) {
            throw WebhookRejection.unauthorized("missing_signature",
                    "Verkada webhooks carry a Verkada-Signature header of the form <timestamp>|<signature>");
        }
        String timestamp = header.substring(0, header.indexOf('|')).trim();
        String signature = header.substring(header.indexOf('|') + 1).trim();
        SignedTimestamp.requireFresh(timestamp, config.timestampTolerance(), clock, HEADER);
        byte[] body = exchange.getProperty(IngressExchange.RAW_BODY, byte[].class);
        byte[] expected = HmacSha256.sign(config.secret().getBytes(StandardCharsets.UTF_8),
                body, ("|" + timestamp).getBytes(StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(expected, decodeHex(signature))) {
            throw WebhookRejection.unauthorized("invalid_signature",
                    "Verkada-Signature does not match the body and the configured Verkada secret");
        }
    }

    private static byte[] decodeHex(String value) {
        try {
            return HexFormat.of().parseHex(value.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
