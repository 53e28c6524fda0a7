package io.gatehouse.ingress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatehouse.definitions.OriginProof;
import io.gatehouse.definitions.OriginProof.Encoding;
import io.gatehouse.definitions.OriginProof.SecretEncoding;
import io.gatehouse.definitions.SignatureHeader;
import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorDefinition;
import io.gatehouse.definitions.VendorsProperties;
import io.gatehouse.definitions.VendorsProperties.VendorSettings;

/**
 * Proves that a webhook comes from the vendor whose endpoint received it, by the scheme its definition names
 * (standard-webhooks, hmac or token), on the exact bytes received, in constant time, with any of the vendor's
 * configured secrets (several while one is rotated). Refuses (401) when it does not, and when no secret is set.
 */
@Component
public class OriginVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(OriginVerifier.class);
    private static final String WHSEC = "whsec_";

    private final Map<String, VendorKeys> keys;
    private final Clock clock;

    /** A vendor's proof and what it is checked with. */
    private record VendorKeys(VendorDefinition definition, boolean verify, List<byte[]> keys, Duration tolerance) {
    }

    public OriginVerifier(VendorCatalog catalog, VendorsProperties properties, Clock clock) {
        this.clock = clock;
        this.keys = catalog.all().stream().collect(Collectors.toUnmodifiableMap(VendorDefinition::name,
                definition -> keys(definition, properties.of(definition.name()))));
    }

    private static VendorKeys keys(VendorDefinition definition, VendorSettings settings) {
        String name = definition.name();
        OriginProof origin = definition.origin();
        if (!settings.verifies()) {
            LOG.warn("gatehouse.vendors.{}.verify is false: {} webhooks are accepted WITHOUT proof of origin. "
                    + "Use this for local trials only.", name, name);
        } else if (!settings.hasSecret()) {
            LOG.warn("No {} secret configured (gatehouse.vendors.{}.secret / GATEHOUSE_VENDORS_{}_SECRET): every "
                    + "{} webhook will be refused.", name, name, name.toUpperCase(Locale.ROOT), name);
        }
        List<byte[]> keys = settings.secret().stream()
                .map(secret -> key(secret, origin.secretEncoding(), name)).toList();
        Duration tolerance = settings.timestampTolerance() != null ? settings.timestampTolerance()
                : origin.timestampTolerance();
        return new VendorKeys(definition, settings.verifies(), keys, tolerance);
    }

    private static byte[] key(String secret, SecretEncoding encoding, String vendor) {
        if (encoding == SecretEncoding.TEXT) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        String encoded = secret.startsWith(WHSEC) ? secret.substring(WHSEC.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatehouse.vendors." + vendor + ".secret must be the whsec_... "
                    + "secret the vendor shows; the part after whsec_ is not base64");
        }
    }

    public void verify(Exchange exchange) {
        String vendor = exchange.getProperty(IngressExchange.VENDOR, String.class);
        VendorKeys vendorKeys = keys.get(vendor);
        OriginProof origin = vendorKeys.definition().origin();
        Message in = exchange.getIn();
        if (origin.scheme() == OriginProof.Scheme.STANDARD_WEBHOOKS) {
            String id = header(in, "webhook-id", "svix-id");
            if (id != null) {
                exchange.setProperty(IngressExchange.DELIVERY_ID, "svix:" + id);
            }
        }
        if (!vendorKeys.verify()) {
            return;
        }
        if (vendorKeys.keys().isEmpty()) {
            throw WebhookRejection.unauthorized("vendor_not_configured", "Gatehouse has no " + vendor
                    + " webhook secret configured, so it cannot accept " + vendor + " webhooks");
        }
        byte[] body = exchange.getProperty(IngressExchange.RAW_BODY, byte[].class);
        switch (origin.scheme()) {
            case STANDARD_WEBHOOKS -> standardWebhooks(in, body, vendorKeys, vendor);
            case HMAC -> hmac(in, body, vendorKeys, vendor);
            case TOKEN -> token(in, vendorKeys, vendor);
        }
    }

    /** Svix / Standard Webhooks: HMAC-SHA256 over id.timestamp.body, any of several v1,&lt;base64&gt; signatures. */
    private void standardWebhooks(Message in, byte[] body, VendorKeys vendorKeys, String vendor) {
        String id = header(in, "webhook-id", "svix-id");
        String timestamp = header(in, "webhook-timestamp", "svix-timestamp");
        String signatures = header(in, "webhook-signature", "svix-signature");
        if (id == null || timestamp == null || signatures == null) {
            throw WebhookRejection.unauthorized("missing_signature", vendor + " webhooks carry svix-id, "
                    + "svix-timestamp and svix-signature (or webhook-*) headers; one is missing");
        }
        SignedTimestamp.requireFresh(timestamp, vendorKeys.tolerance(), clock, "svix-timestamp");
        byte[] signedBefore = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        for (byte[] key : vendorKeys.keys()) {
            byte[] expected = Hmac.sign("HmacSHA256", key, signedBefore, body);
            for (String candidate : signatures.trim().split("\\s+")) {
                int comma = candidate.indexOf(',');
                if (comma > 0 && candidate.substring(0, comma).equals("v1")
                        && MessageDigest.isEqual(expected, decode(Encoding.BASE64, candidate.substring(comma + 1)))) {
                    return;
                }
            }
        }
        throw WebhookRejection.unauthorized("invalid_signature", "no signature in svix-signature matches the body "
                + "and the configured " + vendor + " secret");
    }

    /** One header holding the signature (and perhaps a timestamp), over the body with what the definition adds. */
    private void hmac(Message in, byte[] body, VendorKeys vendorKeys, String vendor) {
        OriginProof origin = vendorKeys.definition().origin();
        String header = in.getHeader(origin.header(), String.class);
        SignatureHeader.Read parts = origin.signatureHeader().read(header);
        if (parts == null) {
            throw WebhookRejection.unauthorized("missing_signature", vendor + " webhooks carry a " + origin.header()
                    + " header of the form the vendor signs; it is " + (header == null ? "missing" : "malformed"));
        }
        String timestamp = parts.timestamp();
        if (origin.signsTimestamp()) {
            SignedTimestamp.requireFresh(timestamp, vendorKeys.tolerance(), clock, origin.header());
        }
        byte[] before = origin.signedBeforeBody().replace("{timestamp}", timestamp).getBytes(StandardCharsets.UTF_8);
        byte[] after = origin.signedAfterBody().replace("{timestamp}", timestamp).getBytes(StandardCharsets.UTF_8);
        for (byte[] key : vendorKeys.keys()) {
            byte[] expected = Hmac.sign(origin.macAlgorithm(), key, before, body, after);
            for (String signature : parts.signatures()) {
                if (MessageDigest.isEqual(expected, decode(origin.encoding(), signature))) {
                    return;
                }
            }
        }
        throw WebhookRejection.unauthorized("invalid_signature", origin.header() + " does not match the body and "
                + "the configured " + vendor + " secret");
    }

    /** A shared token in a header (after its prefix) or in the query, compared in constant time. */
    private static void token(Message in, VendorKeys vendorKeys, String vendor) {
        OriginProof origin = vendorKeys.definition().origin();
        String presented = null;
        if (origin.header() != null) {
            String value = in.getHeader(origin.header(), String.class);
            String prefix = origin.tokenPrefix();
            if (value != null && value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                presented = value.substring(prefix.length()).trim();
            }
        }
        if (presented == null && origin.queryParameter() != null) {
            // platform-http turns each query parameter into a header of the same name
            presented = in.getHeader(origin.queryParameter(), String.class);
        }
        if (presented == null) {
            throw WebhookRejection.unauthorized("missing_token", vendor + " webhooks must carry the shared token"
                    + (origin.queryParameter() == null ? "" : " as ?" + origin.queryParameter() + "=")
                    + (origin.header() == null ? "" : (origin.queryParameter() == null ? " in " : " or in ")
                    + origin.header()));
        }
        byte[] token = presented.getBytes(StandardCharsets.UTF_8);
        for (byte[] key : vendorKeys.keys()) {
            if (MessageDigest.isEqual(token, key)) {
                return;
            }
        }
        throw WebhookRejection.unauthorized("invalid_token", "the " + vendor + " token does not match");
    }

    private static String header(Message in, String name, String alternative) {
        String value = in.getHeader(name, String.class);
        return value != null ? value : in.getHeader(alternative, String.class);
    }

    private static byte[] decode(Encoding encoding, String value) {
        try {
            return encoding == Encoding.HEX ? HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT))
                    : Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

}
