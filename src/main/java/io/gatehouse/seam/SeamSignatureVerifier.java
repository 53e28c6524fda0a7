package io.gatehouse.seam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
 * Checks Seam's Svix / Standard Webhooks signature: HMAC-SHA256 over {@code id.timestamp.body} with the base64 key
 * after {@code whsec_}, compared in constant time with each {@code v1,<base64>} signature in the header (Seam sends
 * several while a secret is being rotated). The body is the exact bytes received.
 */
@Component
public class SeamSignatureVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SeamSignatureVerifier.class);
    private static final String SECRET_PREFIX = "whsec_";

    private final SignedVendor config;
    private final byte[] key;
    private final Clock clock;

    public SeamSignatureVerifier(VendorsProperties properties, Clock clock) {
        this.config = properties.seam();
        this.clock = clock;
        this.key = config.hasSecret() ? decodeSecret(config.secret()) : null;
        if (!config.verify()) {
            LOG.warn("gatehouse.vendors.seam.verify is false: Seam webhooks are accepted WITHOUT checking their "
                    + "signature. Use this for local trials only.");
        } else if (key == null) {
            LOG.warn("No Seam secret configured (gatehouse.vendors.seam.secret / GATEHOUSE_VENDORS_SEAM_SECRET): "
                    + "every Seam webhook will be refused.");
        }
    }

    public void verify(Exchange exchange) {
        Message in = exchange.getIn();
        String id = header(in, "svix-id", "webhook-id");
        if (id != null) {
            exchange.setProperty(IngressExchange.DELIVERY_ID, "svix:" + id);
        }
        if (!config.verify()) {
            return;
        }
        if (key == null) {
            throw WebhookRejection.unauthorized("vendor_not_configured",
                    "Gatehouse has no Seam webhook secret configured, so it cannot accept Seam webhooks");
        }
        String timestamp = header(in, "svix-timestamp", "webhook-timestamp");
        String signatures = header(in, "svix-signature", "webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            throw WebhookRejection.unauthorized("missing_signature",
                    "Seam webhooks carry svix-id, svix-timestamp and svix-signature headers; one is missing");
        }
        SignedTimestamp.requireFresh(timestamp, config.timestampTolerance(), clock, "svix-timestamp");
        byte[] body = exchange.getProperty(IngressExchange.RAW_BODY, byte[].class);
        byte[] expected = HmacSha256.sign(key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String candidate : signatures.trim().split("\\s+")) {
            int comma = candidate.indexOf(',');
            if (comma > 0 && candidate.substring(0, comma).equals("v1")
                    && MessageDigest.isEqual(expected, decodeBase64(candidate.substring(comma + 1)))) {
                return;
            }
        }
        throw WebhookRejection.unauthorized("invalid_signature",
                "no signature in svix-signature matches the body and the configured Seam secret");
    }

    private static String header(Message in, String name, String alternative) {
        String value = in.getHeader(name, String.class);
        return value != null ? value : in.getHeader(alternative, String.class);
    }

    private static byte[] decodeBase64(String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static byte[] decodeSecret(String secret) {
        String encoded = secret.trim().startsWith(SECRET_PREFIX)
                ? secret.trim().substring(SECRET_PREFIX.length()) : secret.trim();
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatehouse.vendors.seam.secret must be the whsec_... secret Seam shows "
                    + "for the webhook endpoint; the part after whsec_ is not base64");
        }
    }
}
