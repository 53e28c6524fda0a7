package io.gatehouse.seam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import com.svix.Webhook;

import io.gatehouse.definitions.VendorsProperties.VendorSettings;
import io.gatehouse.config.TestVendorsProperties;
import io.gatehouse.ingress.IngressExchange;
import io.gatehouse.ingress.TestExchanges;
import io.gatehouse.ingress.WebhookRejection;
import io.gatehouse.support.VendorVerifier;
import io.gatehouse.support.VendorFixtures;

/** Seam webhooks signed by the real Svix library, checked by the verifier as the seam-ingress route calls it. */
class SeamSignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = secret("seam-signing-key-0123456789abcdef");
    private static final String OTHER_SECRET = secret("another-signing-key-fedcba987654");
    private static final String MSG_ID = "msg_2nVrXfgXGgLkb1TnWhyHVvNnRho";
    private static final String BODY = VendorFixtures.text("seam", "lock.unlocked");

    private final VendorVerifier verifier = verifier(TestVendorsProperties.signed(SECRET));

    @Test
    void acceptsSeamWebhookSignedWithTheConfiguredSecret() {
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, MSG_ID, NOW, BODY));

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheUnbrandedWebhookHeaderSpelling() {
        Exchange exchange = request(BODY);
        exchange.getIn().setHeader("webhook-id", MSG_ID);
        exchange.getIn().setHeader("webhook-timestamp", String.valueOf(NOW.getEpochSecond()));
        exchange.getIn().setHeader("webhook-signature", sign(SECRET, MSG_ID, NOW, BODY));

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
        assertThat(exchange.getProperty(IngressExchange.DELIVERY_ID)).isEqualTo("svix:" + MSG_ID);
    }

    @Test
    void acceptsSvixHeadersWhateverTheirCase() {
        Exchange exchange = request(BODY);
        exchange.getIn().setHeader("Svix-Id", MSG_ID);
        exchange.getIn().setHeader("Svix-Timestamp", String.valueOf(NOW.getEpochSecond()));
        exchange.getIn().setHeader("Svix-Signature", sign(SECRET, MSG_ID, NOW, BODY));

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
    }

    @Test
    void acceptsAHeaderListingSeveralSignaturesWhenOneMatchesDuringKeyRotation() {
        String signatures = sign(OTHER_SECRET, MSG_ID, NOW, BODY) + " " + sign(SECRET, MSG_ID, NOW, BODY)
                + " v1a,c29tZSBlZDI1NTE5IHNpZ25hdHVyZQ==";
        Exchange exchange = svixRequest(BODY, NOW, signatures);

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheOldSecretsSignatureListedFirstWhenTheVerifierHasTheOldSecret() {
        String signatures = sign(SECRET, MSG_ID, NOW, BODY) + " " + sign(OTHER_SECRET, MSG_ID, NOW, BODY);
        Exchange exchange = svixRequest(BODY, NOW, signatures);

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
    }

    @Test
    void rejectsSeamWebhookSignedWithAnotherSecret() {
        Exchange exchange = svixRequest(BODY, NOW, sign(OTHER_SECRET, MSG_ID, NOW, BODY));

        assertRejected(exchange, "invalid_signature");
    }

    @Test
    void rejectsAHeaderWhereNoneOfSeveralSignaturesMatches() {
        String signatures = sign(OTHER_SECRET, MSG_ID, NOW, BODY) + " v1,bm90IGEgc2lnbmF0dXJl v1,%%%";
        Exchange exchange = svixRequest(BODY, NOW, signatures);

        assertRejected(exchange, "invalid_signature");
    }

    @Test
    void rejectsABodyChangedAfterSigning() {
        String tampered = BODY.replace("lock.unlocked", "lock.locked");
        Exchange exchange = svixRequest(tampered, NOW, sign(SECRET, MSG_ID, NOW, BODY));

        assertRejected(exchange, "invalid_signature");
    }

    @Test
    void rejectsASignatureMadeForAnotherMessageId() {
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, "msg_other", NOW, BODY));

        assertRejected(exchange, "invalid_signature");
    }

    @Test
    void rejectsASignatureWithoutTheV1Version() {
        String bare = sign(SECRET, MSG_ID, NOW, BODY).substring("v1,".length());
        Exchange exchange = svixRequest(BODY, NOW, "v2," + bare);

        assertRejected(exchange, "invalid_signature");
    }

    @Test
    void rejectsAWebhookWithoutSignatureHeaders() {
        assertRejected(request(BODY), "missing_signature");
    }

    @Test
    void rejectsAWebhookWithoutTheSignatureHeader() {
        Exchange exchange = svixRequest(BODY, NOW, null);

        assertRejected(exchange, "missing_signature");
    }

    @Test
    void rejectsAWebhookWithoutTheTimestampHeader() {
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, MSG_ID, NOW, BODY));
        exchange.getIn().removeHeader("svix-timestamp");

        assertRejected(exchange, "missing_signature");
    }

    @Test
    void rejectsAWebhookWithoutTheIdHeader() {
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, MSG_ID, NOW, BODY));
        exchange.getIn().removeHeader("svix-id");

        assertRejected(exchange, "missing_signature");
    }

    @Test
    void rejectsAWellSignedWebhookSixMinutesOld() {
        Instant sixMinutesAgo = NOW.minus(Duration.ofMinutes(6));
        Exchange exchange = svixRequest(BODY, sixMinutesAgo, sign(SECRET, MSG_ID, sixMinutesAgo, BODY));

        assertRejected(exchange, "stale_timestamp");
    }

    @Test
    void rejectsAWellSignedWebhookSixMinutesInTheFuture() {
        Instant inSixMinutes = NOW.plus(Duration.ofMinutes(6));
        Exchange exchange = svixRequest(BODY, inSixMinutes, sign(SECRET, MSG_ID, inSixMinutes, BODY));

        assertRejected(exchange, "stale_timestamp");
    }

    @Test
    void acceptsAWebhookExactlyAtTheEdgeOfTheTolerance() {
        Instant fiveMinutesAgo = NOW.minus(TestVendorsProperties.TOLERANCE);
        Exchange exchange = svixRequest(BODY, fiveMinutesAgo, sign(SECRET, MSG_ID, fiveMinutesAgo, BODY));

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
    }

    @Test
    void rejectsATimestampThatIsNotANumberOfSeconds() {
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, MSG_ID, NOW, BODY));
        exchange.getIn().setHeader("svix-timestamp", "2025-06-01T12:00:00Z");

        assertRejected(exchange, "invalid_timestamp");
    }

    @Test
    void rejectsATimestampInMillisecondsAsStale() {
        long millis = NOW.toEpochMilli();
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, MSG_ID, NOW, BODY));
        exchange.getIn().setHeader("svix-timestamp", String.valueOf(millis));

        assertRejected(exchange, "stale_timestamp");
    }

    @Test
    void refusesEveryWebhookWhenNoSecretIsConfigured() {
        VendorVerifier unconfigured = verifier(TestVendorsProperties.signed(null));
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, MSG_ID, NOW, BODY));

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> unconfigured.verify(exchange));

        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo("vendor_not_configured");
    }

    @Test
    void refusesEveryWebhookWhenTheSecretIsBlank() {
        VendorVerifier unconfigured = verifier(TestVendorsProperties.signed("  "));

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> unconfigured.verify(request(BODY)));

        assertThat(rejection.code()).isEqualTo("vendor_not_configured");
    }

    @Test
    void acceptsAnUnsignedWebhookWhenVerificationIsSwitchedOff() {
        VendorVerifier trial = verifier(TestVendorsProperties.unverified());

        assertThatCode(() -> trial.verify(request(BODY))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAWebhookWithAWrongSignatureWhenVerificationIsSwitchedOff() {
        VendorVerifier trial = verifier(new VendorSettings(java.util.List.of(SECRET), false, TestVendorsProperties.TOLERANCE));
        Exchange exchange = svixRequest(BODY, NOW, sign(OTHER_SECRET, MSG_ID, NOW, BODY));

        assertThatCode(() -> trial.verify(exchange)).doesNotThrowAnyException();
        assertThat(exchange.getProperty(IngressExchange.DELIVERY_ID)).isEqualTo("svix:" + MSG_ID);
    }

    @Test
    void verifiesANonAsciiBodySignedOverItsUtf8Bytes() {
        String body = "{\"event_type\":\"lock.unlocked\",\"note\":\"Zoë Ångström, 東京\"}";
        Exchange exchange = svixRequest(body, NOW, sign(SECRET, MSG_ID, NOW, body));

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
    }

    @Test
    void rejectsANonAsciiBodyReceivedInAnotherEncodingThanSigned() {
        String body = "{\"note\":\"Zoë Ångström\"}";
        Exchange exchange = svixRequest(body, NOW, sign(SECRET, MSG_ID, NOW, body));
        exchange.setProperty(IngressExchange.RAW_BODY, body.getBytes(StandardCharsets.ISO_8859_1));

        assertRejected(exchange, "invalid_signature");
    }

    @Test
    void recordsTheSvixIdAsTheDeliveryId() {
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, MSG_ID, NOW, BODY));

        verifier.verify(exchange);

        assertThat(exchange.getProperty(IngressExchange.DELIVERY_ID, String.class)).isEqualTo("svix:" + MSG_ID);
    }

    @Test
    void acceptsTheSecretWithoutItsWhsecPrefix() {
        VendorVerifier unprefixed = verifier(
                TestVendorsProperties.signed(SECRET.substring("whsec_".length())));
        Exchange exchange = svixRequest(BODY, NOW, sign(SECRET, MSG_ID, NOW, BODY));

        assertThatCode(() -> unprefixed.verify(exchange)).doesNotThrowAnyException();
    }

    private static VendorVerifier verifier(VendorSettings seam) {
        return VendorVerifier.of("seam", TestVendorsProperties.withSeam(seam), CLOCK);
    }

    private static String secret(String key) {
        return "whsec_" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
    }

    /** The svix-signature header value Svix itself would send. */
    private static String sign(String secret, String msgId, Instant timestamp, String body) {
        try {
            return new Webhook(secret).sign(msgId, timestamp.getEpochSecond(), body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Exchange request(String body) {
        Exchange exchange = TestExchanges.webhook(body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    private static Exchange svixRequest(String body, Instant timestamp, String signature) {
        Exchange exchange = request(body);
        exchange.getIn().setHeader("svix-id", MSG_ID);
        exchange.getIn().setHeader("svix-timestamp", String.valueOf(timestamp.getEpochSecond()));
        if (signature != null) {
            exchange.getIn().setHeader("svix-signature", signature);
        }
        return exchange;
    }

    private void assertRejected(Exchange exchange, String code) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class, () -> verifier.verify(exchange));

        assertThat(rejection).as("a WebhookRejection").isNotNull();
        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo(code);
    }
}
