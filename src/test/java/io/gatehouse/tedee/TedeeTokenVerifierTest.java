package io.gatehouse.tedee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.gatehouse.support.VendorVerifier;
import io.gatehouse.definitions.VendorsProperties.VendorSettings;
import io.gatehouse.config.TestVendorsProperties;
import io.gatehouse.ingress.TestExchanges;
import io.gatehouse.ingress.WebhookRejection;

/** Tedee's shared token, as an Authorization: Bearer header or as the header platform-http makes of ?token=. */
class TedeeTokenVerifierTest {

    private static final String TOKEN = "tedee-Xk29-shared-token";

    private final VendorVerifier verifier = verifier(TestVendorsProperties.token(TOKEN, true));

    @Test
    void acceptsTheTokenAsABearerAuthorizationHeader() {
        assertThatCode(() -> verifier.verify(request("Authorization", "Bearer " + TOKEN)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsTheBearerSchemeInAnyCase() {
        assertThatCode(() -> verifier.verify(request("Authorization", "bearer " + TOKEN)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsTheTokenQueryParameter() {
        assertThatCode(() -> verifier.verify(request("token", TOKEN))).doesNotThrowAnyException();
    }

    @Test
    void rejectsAWrongBearerToken() {
        assertRejected(verifier, request("Authorization", "Bearer " + TOKEN + "x"), "invalid_token");
    }

    @Test
    void rejectsAWrongTokenQueryParameter() {
        assertRejected(verifier, request("token", "guess"), "invalid_token");
    }

    @Test
    void rejectsATokenThatDiffersOnlyInCase() {
        assertRejected(verifier, request("token", TOKEN.toUpperCase()), "invalid_token");
    }

    @Test
    void rejectsAWebhookWithoutAToken() {
        assertRejected(verifier, request(null, null), "missing_token");
    }

    @Test
    void rejectsBasicAuthorizationWithoutAToken() {
        assertRejected(verifier, request("Authorization", "Basic dXNlcjpwYXNz"), "missing_token");
    }

    @Test
    void refusesEveryWebhookWhenNoTokenIsConfigured() {
        assertRejected(verifier(TestVendorsProperties.token(null, true)), request("token", TOKEN), "vendor_not_configured");
    }

    @Test
    void refusesEveryWebhookWhenTheTokenIsBlank() {
        assertRejected(verifier(TestVendorsProperties.token(" ", true)), request("token", " "), "vendor_not_configured");
    }

    @Test
    void acceptsAWebhookWithoutATokenWhenVerificationIsSwitchedOff() {
        VendorVerifier trial = verifier(TestVendorsProperties.token(null, false));

        assertThatCode(() -> trial.verify(request(null, null))).doesNotThrowAnyException();
    }

    private static VendorVerifier verifier(VendorSettings tedee) {
        return VendorVerifier.of("tedee", TestVendorsProperties.withTedee(tedee), java.time.Clock.systemUTC());
    }

    private static Exchange request(String header, String value) {
        Exchange exchange = TestExchanges.webhook("{}".getBytes(StandardCharsets.UTF_8));
        if (header != null) {
            exchange.getIn().setHeader(header, value);
        }
        return exchange;
    }

    private static void assertRejected(VendorVerifier verifier, Exchange exchange, String code) {
        WebhookRejection rejection = catchThrowableOfType(WebhookRejection.class, () -> verifier.verify(exchange));

        assertThat(rejection).as("a WebhookRejection").isNotNull();
        assertThat(rejection.status()).isEqualTo(401);
        assertThat(rejection.code()).isEqualTo(code);
    }
}
