package io.gatehouse.delivery;

import static io.gatehouse.delivery.ChannelTestSupport.JSON;
import static io.gatehouse.delivery.ChannelTestSupport.alert;
import static io.gatehouse.delivery.ChannelTestSupport.channels;
import static io.gatehouse.delivery.ChannelTestSupport.forcedOpen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.RulesProperties.WebhookChannel;

/** The signed POST of an alert to an outbound webhook ({@link WebhookMessages}), checked with Svix's own library. */
class WebhookMessagesTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    ChannelRequest build(Clock clock, String deliveryId) {
        var rules = ChannelTestSupport.rules(channels(Map.of(), Map.of(),
                Map.of("siem", new WebhookChannel("https://siem.example/hook", SECRET))));
        WebhookMessages messages = new WebhookMessages(rules, new ConsoleProperties(null), JSON, clock);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(DeliveryOutcomes.DELIVERY, new Delivery(deliveryId, "alert-1", "webhook:siem", 1,
                Instant.EPOCH, "e1", "verkada", Delivery.TRIGGER));
        exchange.getIn().setBody(alert("critical", forcedOpen("e1", "Front Door")));
        return messages.build(exchange);
    }

    static Map<String, List<String>> headers(ChannelRequest request) {
        return Map.of("webhook-id", List.of(request.headers().get("webhook-id")),
                "webhook-timestamp", List.of(request.headers().get("webhook-timestamp")),
                "webhook-signature", List.of(request.headers().get("webhook-signature")));
    }

    @Test
    void signsTheBodySoThatTheStandardWebhooksLibraryVerifiesIt() throws Exception {
        ChannelRequest request = build(Clock.systemUTC(), "delivery-7");

        new Webhook(SECRET).verify(request.body(), headers(request));
        assertThat(request.headers().get("webhook-id")).isEqualTo("delivery-7");
        assertThat(request.headers().get("webhook-signature")).startsWith("v1,");
        assertThat(request.url()).isEqualTo("https://siem.example/hook");
        assertThatThrownBy(() -> new Webhook(SECRET).verify(request.body().replace("Front", "Back"), headers(request)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook("whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkhIQ==")
                .verify(request.body(), headers(request))).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void keepsTheIdAndSignsEachAttemptsOwnTimestamp() {
        ChannelRequest first = build(Clock.fixed(Instant.parse("2025-03-04T13:30:00Z"), ZoneOffset.UTC), "d1");
        ChannelRequest retry = build(Clock.fixed(Instant.parse("2025-03-04T13:35:00Z"), ZoneOffset.UTC), "d1");

        assertThat(retry.headers().get("webhook-id")).isEqualTo(first.headers().get("webhook-id"));
        assertThat(first.headers().get("webhook-timestamp")).isEqualTo("1741095000");
        assertThat(retry.headers().get("webhook-timestamp")).isEqualTo("1741095300");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().get("webhook-signature")).isNotEqualTo(first.headers().get("webhook-signature"));
    }

    @Test
    void carriesTheAlertAndItsEventsCanonicalFactsButNoEmailAddress() throws Exception {
        JsonNode body = JSON.readTree(build(Clock.systemUTC(), "d1").body());

        assertThat(body.get("type").asText()).isEqualTo("alert.raised");
        assertThat(body.at("/data/alert/id").asText()).isEqualTo("alert-1");
        assertThat(body.at("/data/alert/severity").asText()).isEqualTo("critical");
        assertThat(body.at("/data/events/0/type").asText()).isEqualTo("door.forced_open");
        assertThat(body.at("/data/events/0/door/name").asText()).isEqualTo("Front Door");
        assertThat(body.at("/data/events/0/actor/name").asText()).isEqualTo("Jane Doe");
        assertThat(body.toString()).doesNotContain("jane@example.com").doesNotContain("email");
    }
}
