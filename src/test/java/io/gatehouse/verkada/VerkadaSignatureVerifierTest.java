package io.gatehouse.verkada;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gatehouse.definitions.VendorsProperties.VendorSettings;
import io.gatehouse.config.TestVendorsProperties;
import io.gatehouse.ingress.TestExchanges;
import io.gatehouse.ingress.WebhookRejection;
import io.gatehouse.support.VendorVerifier;
import io.gatehouse.support.VendorFixtures;

/** Verkada-Signature: {@code <unix ts>|<hex HMAC-SHA256(secret, body + "|" + ts)>}, computed here independently. */
class VerkadaSignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "verkada-shared-secret-4f1c";
    private static final String BODY = VendorFixtures.text("verkada", "door_forced_open");

    private final VendorVerifier verifier = verifier(TestVendorsProperties.signed(SECRET));

    @Test
    void acceptsVerkadaWebhookSignedWithTheSharedSecret() {
        Exchange exchange = request(BODY, signatureHeader(SECRET, BODY, NOW));

        assertThatCode(() -> verifier.verify(exchange)).doesNotThrowAnyException();
    }

    @Test
    void acceptsUpperCaseHexSignature() {
        long ts = NOW.getEpochSecond();
        String header = ts + "|" + hmacHex(SECRET, BODY, ts).toUpperCase(Locale.ROOT);

        assertThatCode(() -> verifier.verify(request(BODY, header))).doesNotThrowAnyException();
    }

    @Test
    void acceptsANonAsciiBodySignedOverItsUtf8Bytes() {
        String body = "{\"data\":{\"door_info\":{\"name\":\"Zoë Ångström, 東京\"}}}";

        assertThatCode(() -> verifier.verify(request(body, signatureHeader(SECRET, body, NOW))))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsASignatureFourMinutesOld() {
        Instant fourMinutesAgo = NOW.minus(Duration.ofMinutes(4));

        assertThatCode(() -> verifier.verify(request(BODY, signatureHeader(SECRET, BODY, fourMinutesAgo))))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsVerkadaWebhookSignedWithAnotherSecret() {
        assertRejected(request(BODY, signatureHeader("another-secret", BODY, NOW)), "invalid_signature");
    }

    @Test
    void rejectsABodyChangedAfterSigning() {
        String tampered = BODY.replace("door_forced_open", "door_closed");

        assertRejected(request(tampered, signatureHeader(SECRET, BODY, NOW)), "invalid_signature");
    }

    @Test
    void rejectsASignatureMovedToAnotherTimestamp() {
        long ts = NOW.getEpochSecond();
        String header = (ts - 1) + "|" + hmacHex(SECRET, BODY, ts);

        assertRejected(request(BODY, header), "invalid_signature");
    }

    @Test
    void rejectsASignatureThatIsNotHex() {
        assertRejected(request(BODY, NOW.getEpochSecond() + "|not-a-hex-signature"), "invalid_signature");
    }

    @Test
    void rejectsAnEmptySignatureAfterTheTimestamp() {
        assertRejected(request(BODY, NOW.getEpochSecond() + "|"), "invalid_signature");
    }

    @Test
    void rejectsAWellSignedWebhookSixMinutesOld() {
        Instant sixMinutesAgo = NOW.minus(Duration.ofMinutes(6));

        assertRejected(request(BODY, signatureHeader(SECRET, BODY, sixMinutesAgo)), "stale_timestamp");
    }

    @Test
    void rejectsAWellSignedWebhookSixMinutesInTheFuture() {
        Instant inSixMinutes = NOW.plus(Duration.ofMinutes(6));

        assertRejected(request(BODY, signatureHeader(SECRET, BODY, inSixMinutes)), "stale_timestamp");
    }

    @Test
    void rejectsATimestampThatIsNotANumberOfSeconds() {
        String header = "yesterday|" + hmacHex(SECRET, BODY, NOW.getEpochSecond());

        assertRejected(request(BODY, header), "invalid_timestamp");
    }

    @Test
    void rejectsAWebhookWithoutTheSignatureHeader() {
        assertRejected(request(BODY, null), "missing_signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789abcdef", "|0123456789abcdef"})
    void rejectsASignatureHeaderWithoutTimestampAndSeparator(String header) {
        assertRejected(request(BODY, header), "missing_signature");
    }

    @Test
    void refusesEveryWebhookWhenNoSecretIsConfigured() {
        VendorVerifier unconfigured = verifier(TestVendorsProperties.signed(null));

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> unconfigured.verify(request(BODY, signatureHeader(SECRET, BODY, NOW))));

        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo("vendor_not_configured");
    }

    @Test
    void acceptsAnUnsignedWebhookWhenVerificationIsSwitchedOff() {
        VendorVerifier trial = verifier(TestVendorsProperties.unverified());

        assertThatCode(() -> trial.verify(request(BODY, null))).doesNotThrowAnyException();
    }

    private static VendorVerifier verifier(VendorSettings verkada) {
        return VendorVerifier.of("verkada", TestVendorsProperties.withVerkada(verkada), CLOCK);
    }

    private static String signatureHeader(String secret, String body, Instant at) {
        long ts = at.getEpochSecond();
        return ts + "|" + hmacHex(secret, body, ts);
    }

    private static String hmacHex(String secret, String body, long ts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((body + "|" + ts).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Exchange request(String body, String signatureHeader) {
        Exchange exchange = TestExchanges.webhook(body.getBytes(StandardCharsets.UTF_8));
        if (signatureHeader != null) {
            exchange.getIn().setHeader("Verkada-Signature", signatureHeader);
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
