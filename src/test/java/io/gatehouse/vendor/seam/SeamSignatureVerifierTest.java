package io.gatehouse.vendor.seam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.svix.Webhook;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.gatehouse.ingress.IngressExchange;
import io.gatehouse.ingress.WebhookRejection;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.vendor.VendorTestSupport;

class SeamSignatureVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final String BODY = "{\"event_type\":\"lock.unlocked\",\"note\":\"Zoë Ångström, 東京 🚪\"}";

    final SeamSignatureVerifier verifier = new SeamSignatureVerifier(
            VendorTestSupport.properties(SignedWebhooks.SEAM_SECRET, null, null, true), Clock.fixed(NOW, ZoneOffset.UTC));

    static String sign(String secret, String id, Instant at, String body) throws Exception {
        return new Webhook(secret).sign(id, at.getEpochSecond(), body);
    }

    static Exchange request(String id, Instant at, String signature) {
        return VendorTestSupport.exchange(BODY, Map.of("svix-id", id, "svix-timestamp",
                String.valueOf(at.getEpochSecond()), "svix-signature", signature));
    }

    @Test
    void acceptsABodyWithNonAsciiTextSignedBySvix() throws Exception {
        Exchange exchange = request("msg_1", NOW, sign(SignedWebhooks.SEAM_SECRET, "msg_1", NOW, BODY));

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
        assertThat(exchange.getProperty(IngressExchange.DELIVERY_ID)).isEqualTo("svix:msg_1");
    }

    @Test
    void acceptsTheStandardWebhooksHeaderSpelling() throws Exception {
        Exchange exchange = VendorTestSupport.exchange(BODY, Map.of("webhook-id", "msg_2", "webhook-timestamp",
                String.valueOf(NOW.getEpochSecond()), "webhook-signature",
                sign(SignedWebhooks.SEAM_SECRET, "msg_2", NOW, BODY)));

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
    }

    @Test
    void acceptsAnyOfSeveralSignaturesWhileASecretRotates() throws Exception {
        String header = sign(SignedWebhooks.OTHER_SEAM_SECRET, "msg_3", NOW, BODY) + " "
                + sign(SignedWebhooks.SEAM_SECRET, "msg_3", NOW, BODY);

        assertThatCode(() -> verifier.verify(request("msg_3", NOW, header))).doesNotThrowAnyException();
    }

    @Test
    void rejectsSeamWebhookSignedWithAnotherSecret() throws Exception {
        Exchange exchange = request("msg_4", NOW, sign(SignedWebhooks.OTHER_SEAM_SECRET, "msg_4", NOW, BODY));

        assertRejected(exchange, "invalid_signature");
    }

    @Test
    void rejectsABodyChangedAfterSigning() throws Exception {
        Exchange exchange = request("msg_5", NOW, sign(SignedWebhooks.SEAM_SECRET, "msg_5", NOW, BODY));
        exchange.setProperty(IngressExchange.RAW_BODY, BODY.replace("Zoë", "Zoe").getBytes());

        assertRejected(exchange, "invalid_signature");
    }

    @Test
    void rejectsTimestampsMoreThanFiveMinutesAwayEitherWay() throws Exception {
        Instant old = NOW.minusSeconds(301);
        Instant future = NOW.plusSeconds(301);

        assertRejected(request("m", old, sign(SignedWebhooks.SEAM_SECRET, "m", old, BODY)), "stale_timestamp");
        assertRejected(request("m", future, sign(SignedWebhooks.SEAM_SECRET, "m", future, BODY)), "stale_timestamp");
        Exchange garbage = VendorTestSupport.exchange(BODY, Map.of("svix-id", "m", "svix-timestamp", "yesterday",
                "svix-signature", "v1,abc"));
        assertRejected(garbage, "invalid_timestamp");
    }

    @Test
    void rejectsARequestWithoutSignatureHeaders() {
        assertRejected(VendorTestSupport.exchange(BODY, Map.of()), "missing_signature");
    }

    @Test
    void refusesEverythingWhenNoSecretIsConfigured() throws Exception {
        SeamSignatureVerifier unconfigured = new SeamSignatureVerifier(
                VendorTestSupport.properties(null, null, null, true), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> unconfigured.verify(request("m", NOW, sign(SignedWebhooks.SEAM_SECRET, "m", NOW, BODY))))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.code()).isEqualTo("vendor_not_configured"));
    }

    @Test
    void acceptsUnsignedRequestsOnlyWhenVerificationIsSwitchedOff() {
        SeamSignatureVerifier trial = new SeamSignatureVerifier(
                VendorTestSupport.properties(null, null, null, false), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatCode(() -> trial.verify(VendorTestSupport.exchange(BODY, Map.of()))).doesNotThrowAnyException();
    }

    private void assertRejected(Exchange exchange, String code) {
        assertThatThrownBy(() -> verifier.verify(exchange)).isInstanceOfSatisfying(WebhookRejection.class, r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo(code);
        });
    }
}
