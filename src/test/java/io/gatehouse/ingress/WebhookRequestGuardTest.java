package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Content-Type headers count as JSON for the webhook endpoints. */
class WebhookRequestGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "application/json",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "Application/JSON",
            " application/json ",
            "application/cloudevents+json",
            "application/vnd.api+json; charset=utf-8",
    })
    void acceptsJsonMediaTypes(String contentType) {
        assertThat(WebhookRequestGuard.isJson(contentType)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "text/plain",
            "text/json",
            "application/x-www-form-urlencoded",
            "application/jsonp",
            "multipart/form-data; boundary=json",
            "text/plain; charset=application/json",
    })
    void refusesEverythingElse(String contentType) {
        assertThat(WebhookRequestGuard.isJson(contentType)).isFalse();
    }
}
