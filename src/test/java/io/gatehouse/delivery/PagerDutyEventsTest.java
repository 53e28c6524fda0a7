package io.gatehouse.delivery;

import static io.gatehouse.delivery.ChannelTestSupport.JSON;
import static io.gatehouse.delivery.ChannelTestSupport.alert;
import static io.gatehouse.delivery.ChannelTestSupport.channels;
import static io.gatehouse.delivery.ChannelTestSupport.forcedOpen;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.RulesProperties.PagerDutyChannel;

/** The PagerDuty Events API v2 events of an alert ({@link PagerDutyEvents}). */
class PagerDutyEventsTest {

    static final String KEY = "R0UT1NGKEY0000000000000000000001";

    PagerDutyEvents events(String consoleBaseUrl) {
        var rules = ChannelTestSupport.rules(channels(Map.of(), Map.of("oncall", new PagerDutyChannel(KEY)), Map.of()));
        return new PagerDutyEvents(new AlertText(rules), rules, new PlainTextField(),
                new ConsoleProperties(consoleBaseUrl), JSON, new PagerDutyProperties("https://events.example/"));
    }

    @Test
    void triggersWithTheRoutingKeyAStableDedupKeyPagerDutysSeverityAndTheFactsAsCustomDetails() {
        ObjectNode trigger = events("https://gatehouse.example.com").trigger(
                alert("critical", forcedOpen("e1", "Front Door")), KEY);

        assertThat(trigger.get("routing_key").asText()).isEqualTo(KEY);
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("gatehouse/door-forced-open/door:door-1");
        JsonNode payload = trigger.get("payload");
        assertThat(payload.get("summary").asText()).isEqualTo("[CRITICAL] Door forced open — Front Door, HQ Berlin");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("source").asText()).isEqualTo("Front Door (door-1)");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2025-03-04T13:30:00Z");
        assertThat(payload.get("class").asText()).isEqualTo("door.forced_open");
        assertThat(payload.get("group").asText()).isEqualTo("HQ Berlin (hq)");
        assertThat(payload.at("/custom_details/Event").asText()).isEqualTo("e1");
        assertThat(payload.at("/custom_details/Who").asText()).isEqualTo("Jane Doe (u1)");
        assertThat(trigger.toString()).doesNotContain("jane@example.com");
        assertThat(trigger.get("client_url").asText()).isEqualTo("https://gatehouse.example.com/#event=e1");
    }

    @Test
    void mapsEachSeverityAndLeavesTheLinkOutWithoutAConsoleAddress() {
        PagerDutyEvents events = events("");
        for (String severity : List.of("critical", "warning", "info")) {
            ObjectNode trigger = events.trigger(alert(severity, forcedOpen("e1", "Front Door")), KEY);
            assertThat(trigger.at("/payload/severity").asText()).isEqualTo(severity);
            assertThat(trigger.has("links")).isFalse();
            assertThat(trigger.has("client_url")).isFalse();
        }
    }

    @Test
    void resolvesWithTheSameDedupKeyAsTheTrigger() {
        AlertView alert = alert("warning", forcedOpen("e1", "Front Door"));

        ObjectNode resolve = events("").resolve(alert, KEY);

        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText())
                .isEqualTo(events("").trigger(alert, KEY).get("dedup_key").asText());
        assertThat(resolve.get("routing_key").asText()).isEqualTo(KEY);
    }

    @Test
    void hashesAGroupTooLongForPagerDutysDedupKeyTheSameWayEachTime() {
        AlertView alert = new AlertView("a1", "door-forced-open", "critical", "door:" + "x".repeat(300), 0,
                Instant.EPOCH, List.of(), List.of(), null);

        String key = PagerDutyEvents.dedupKey(alert);

        assertThat(key).hasSizeLessThanOrEqualTo(255).startsWith("gatehouse/door-forced-open/")
                .isEqualTo(PagerDutyEvents.dedupKey(alert));
    }

    @Test
    void postsToTheEnqueueEndpointWithFourHundredAsPermanent() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(DeliveryOutcomes.DELIVERY, new Delivery("d1", "alert-1", "pagerduty:oncall", 1,
                Instant.EPOCH, "e1", "verkada", Delivery.RESOLVE));
        exchange.getIn().setBody(alert("critical", forcedOpen("e1", "Front Door")));

        ChannelRequest request = events("").build(exchange);

        assertThat(request.url()).isEqualTo("https://events.example/v2/enqueue");
        assertThat(request.permanentStatuses()).isEqualTo(Set.of(400));
        assertThat(JSON.readTree(request.body()).get("event_action").asText()).isEqualTo("resolve");
    }
}
