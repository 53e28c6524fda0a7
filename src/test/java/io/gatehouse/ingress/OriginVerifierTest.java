package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorsProperties;
import io.gatehouse.definitions.VendorsProperties.VendorSettings;
import io.gatehouse.event.EventsProperties;
import io.gatehouse.support.VendorTestSupport;

/**
 * The hmac and token schemes with the parameters a definition may give them, on made-up vendors signing as UniFi
 * Access ({@code t=..,v1=..} over {@code t.body}), Genea ({@code sha1=} prefix, HMAC-SHA1), or in base64; with
 * several secrets while one is rotated. Seam, Verkada and Tedee have tests of their own.
 */
class OriginVerifierTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final String BODY = "{\"event\":\"access.door.unlock\",\"id\":\"e1\"}";

    @TempDir
    static Path folder;
    static OriginVerifier verifier;

    @BeforeAll
    static void define() throws IOException {
        definition("stamped", """
                origin:
                  scheme: hmac
                  header: Signature
                  header-format: "t={timestamp},v1={signature}"
                  signed-content: "{timestamp}.{body}"
                  timestamp-tolerance: 5m
                """);
        definition("prefixed", """
                origin: { scheme: hmac, header: X-Sequr-Signature, header-format: "sha1={signature}", algorithm: sha1 }
                """);
        definition("encoded", """
                origin: { scheme: hmac, header: X-Signature, encoding: base64 }
                """);
        definition("tokened", """
                origin: { scheme: token, header: X-Token }
                """);
        VendorsProperties settings = new VendorsProperties(Map.of(
                "stamped", secrets("stamped-secret"),
                "prefixed", secrets("prefixed-secret"),
                "encoded", secrets("old-secret", "new-secret"),
                "tokened", secrets("t0ken")), folder);
        VendorCatalog catalog = new VendorCatalog(settings, new EventsProperties(Map.of(), 20));
        verifier = new OriginVerifier(catalog, settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void acceptsATimestampedSignatureOverTimestampDotBody() {
        long t = NOW.getEpochSecond();
        String signature = hex("HmacSHA256", "stamped-secret", t + "." + BODY);

        assertThatCode(() -> verify("stamped", "Signature", "t=" + t + ",v1=" + signature)).doesNotThrowAnyException();
        assertRefused("stamped", "Signature", "t=" + t + ",v1=" + hex("HmacSHA256", "other", t + "." + BODY),
                "invalid_signature");
        assertRefused("stamped", "Signature", "t=" + (t + 1) + ",v1=" + signature, "invalid_signature");
    }

    @Test
    void readsKeyValuePairsInAnyOrderAndTriesEverySignature() {
        long t = NOW.getEpochSecond();
        String signature = hex("HmacSHA256", "stamped-secret", t + "." + BODY);
        String other = hex("HmacSHA256", "rotated-away", t + "." + BODY);

        assertThatCode(() -> verify("stamped", "Signature", "v1=" + signature + ", t=" + t)).doesNotThrowAnyException();
        assertThatCode(() -> verify("stamped", "Signature", "t=" + t + ",v1=" + other + ",v1=" + signature + ",v0=x"))
                .doesNotThrowAnyException();
        assertRefused("stamped", "Signature", "t=" + t, "missing_signature");
        assertRefused("stamped", "Signature", "v1=" + signature, "missing_signature");
        assertRefused("stamped", "Signature", "t=" + t + ",v1=" + other, "invalid_signature");
    }

    @Test
    void refusesAStaleTimestampEvenWhenTheSignatureMatchesIt() {
        long stale = NOW.getEpochSecond() - 301;

        assertRefused("stamped", "Signature", "t=" + stale + ",v1=" + hex("HmacSHA256", "stamped-secret",
                stale + "." + BODY), "stale_timestamp");
    }

    @Test
    void requiresThePrefixTheVendorWritesAndSignsWithSha1() {
        String signature = hex("HmacSHA1", "prefixed-secret", BODY);

        assertThatCode(() -> verify("prefixed", "X-Sequr-Signature", "sha1=" + signature)).doesNotThrowAnyException();
        assertRefused("prefixed", "X-Sequr-Signature", signature, "missing_signature");
        assertRefused("prefixed", "X-Sequr-Signature", "sha1=" + hex("HmacSHA256", "prefixed-secret", BODY),
                "invalid_signature");
    }

    @Test
    void acceptsEitherSecretWhileOneIsRotated() {
        assertThatCode(() -> verify("encoded", "X-Signature", base64("old-secret", BODY))).doesNotThrowAnyException();
        assertThatCode(() -> verify("encoded", "X-Signature", base64("new-secret", BODY))).doesNotThrowAnyException();
        assertRefused("encoded", "X-Signature", base64("retired-secret", BODY), "invalid_signature");
    }

    @Test
    void comparesATokenInAHeaderOnly() {
        assertThatCode(() -> verify("tokened", "X-Token", "t0ken")).doesNotThrowAnyException();
        assertRefused("tokened", "X-Token", "t0ke", "invalid_token");
        assertRefused("tokened", "token", "t0ken", "missing_token");   // no query parameter is declared
    }

    @Test
    void refusesEveryWebhookOfAVendorWithoutSecret() throws IOException {
        VendorsProperties none = new VendorsProperties(Map.of(), folder);
        OriginVerifier unconfigured = new OriginVerifier(new VendorCatalog(none, new EventsProperties(Map.of(), 20)),
                none, Clock.fixed(NOW, ZoneOffset.UTC));
        Exchange exchange = exchange("prefixed", "X-Sequr-Signature", "sha1=" + hex("HmacSHA1", "", BODY));

        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class, () -> unconfigured.verify(exchange));

        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo("vendor_not_configured");
    }

    private static void definition(String name, String origin) throws IOException {
        Files.writeString(folder.resolve(name + ".yaml"), "name: " + name + "\n" + origin + "event-type: event\n");
    }

    private static VendorSettings secrets(String... secrets) {
        return new VendorSettings(List.of(secrets), true, null);
    }

    private static void verify(String vendor, String header, String value) {
        verifier.verify(exchange(vendor, header, value));
    }

    private static void assertRefused(String vendor, String header, String value, String code) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class,
                () -> verify(vendor, header, value));
        assertThat(rejection).as(value).isNotNull();
        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo(code);
    }

    private static Exchange exchange(String vendor, String header, String value) {
        Exchange exchange = VendorTestSupport.exchange(BODY, Map.of(header, value));
        exchange.setProperty(IngressExchange.VENDOR, vendor);
        return exchange;
    }

    private static String hex(String algorithm, String secret, String content) {
        return HexFormat.of().formatHex(mac(algorithm, secret, content));
    }

    private static String base64(String secret, String content) {
        return Base64.getEncoder().encodeToString(mac("HmacSHA256", secret, content));
    }

    private static byte[] mac(String algorithm, String secret, String content) {
        return Hmac.sign(algorithm, secret.isEmpty() ? new byte[] {0} : secret.getBytes(StandardCharsets.UTF_8),
                content.getBytes(StandardCharsets.UTF_8));
    }
}
