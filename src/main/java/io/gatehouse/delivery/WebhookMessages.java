package io.gatehouse.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Channels.WebhookTarget;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.Ref;
import io.gatehouse.ingress.Hmac;

/**
 * Builds the signed POST of a delivery to an outbound webhook: the alert and its events as JSON
 * ({@code {"type":"alert.raised","timestamp":…,"data":{"alert":…,"events":[…]}}}), signed with the Standard
 * Webhooks scheme: {@code webhook-id} (the delivery's id, the same at every retry, so the receiver can
 * de-duplicate), {@code webhook-timestamp} (this attempt's, in seconds) and {@code webhook-signature}
 * ({@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body} under the channel's {@code whsec_} key).
 * Events carry their canonical facts, never an email address nor the vendor's raw attributes.
 */
@Component
public class WebhookMessages {

    private final ActiveRules rules;
    private final ConsoleProperties console;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookMessages(ActiveRules rules, ConsoleProperties console, ObjectMapper json, Clock clock) {
        this.rules = rules;
        this.console = console;
        this.json = json;
        this.clock = clock;
    }

    /** Body: the alert; becomes the {@link ChannelRequest} for {@link ChannelHttp}. */
    public ChannelRequest build(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DeliveryOutcomes.DELIVERY, Delivery.class);
        WebhookTarget target = ChannelTargets.inForce(rules.current().channels().webhook(), delivery.channel(),
                WebhookTarget::configured);
        String body;
        try {
            body = json.writeValueAsString(payload(exchange.getIn().getBody(AlertView.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", delivery.id());
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", signature(target.signingKey(), delivery.id(), timestamp, body));
        return new ChannelRequest("the webhook", target.url(), headers, body, Set.of());
    }

    /** {@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}, as Standard Webhooks (and Svix) verify it. */
    static String signature(byte[] key, String id, String timestamp, String body) {
        byte[] mac = Hmac.sign("HmacSHA256", key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    ObjectNode payload(AlertView alert) {
        ObjectNode payload = json.createObjectNode()
                .put("type", ChannelTests.isTest(alert) ? "alert.test" : "alert.raised")
                .put("timestamp", alert.createdAt().toString());
        ObjectNode data = payload.putObject("data");
        data.putObject("alert").put("id", alert.id()).put("rule", alert.rule()).put("severity", alert.severity())
                .put("group", alert.group()).put("suppressed", alert.suppressed())
                .put("createdAt", alert.createdAt().toString());
        ArrayNode events = data.putArray("events");
        for (AccessEvent event : alert.events()) {
            ObjectNode node = events.addObject().put("id", event.id()).put("vendor", event.vendor())
                    .put("vendorEventId", event.vendorEventId()).put("vendorEventType", event.vendorEventType())
                    .put("type", event.type().code()).put("severity", event.severity().code())
                    .put("outcome", String.valueOf(event.outcome()))
                    .put("occurredAt", event.occurredAt().toString())
                    .put("receivedAt", event.receivedAt() == null ? null : event.receivedAt().toString());
            ref(node, "door", event.door());
            ref(node, "device", event.device());
            ref(node, "site", event.site());
            ref(node, "actor", event.actor());
            if (event.method() != null) {
                node.put("method", event.method().code());
            }
            if (event.zone() != null) {
                node.put("zone", event.zone().getId());
            }
            String link = console.eventLink(event.id());
            if (link != null) {
                node.put("consoleUrl", link);
            }
        }
        return payload;
    }

    /** Id, name and a device's kind; never an actor's email. */
    private static void ref(ObjectNode event, String field, Ref ref) {
        if (ref != null) {
            ObjectNode node = event.putObject(field).put("id", ref.id()).put("name", ref.name());
            if (ref.kind() != null) {
                node.put("kind", ref.kind());
            }
        }
    }
}
