package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.inbox.InboxEntry;
import io.gatehouse.inbox.InboxWriter;
import io.gatehouse.support.VendorFixtures;
import io.gatehouse.support.YamlRoute;
import io.gatehouse.telemetry.GatehouseMetrics;

/**
 * The content-based router of the route {@code store-in-inbox} (routes/ingress/inbox.camel.yaml): an event the inbox
 * did not hold is answered 202 and handed to normalization; a redelivery is answered 200 with the id the event got
 * the first time, and is not normalized again. The inbox commit is a stub; how normalization is queued is not looked
 * at here, only that the event reaches it (any endpoint whose name holds "normalize").
 */
class InboxRouterTest {

    static final InboxWriter INBOX = mock(InboxWriter.class);
    static CamelContext camel;
    static MockEndpoint findInboxId;

    /** Every event is of the alert lane here: the lanes are not this router's concern. */
    public static class NoRoutineLane {
        public boolean isRoutine() {
            return false;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ObjectMapper json = new ObjectMapper();
        camel = YamlRoute.load("ingress/inbox.camel.yaml", "store-in-inbox", Map.of(
                        "inboxEntries", new InboxEntries(VendorFixtures.catalog()),
                        "inboxWriter", INBOX,
                        "webhookReplies", new WebhookReplies(json,
                                new GatehouseMetrics(new SimpleMeterRegistry(), Clock.systemUTC(), null),
                                VendorFixtures.catalog()),
                        "normalizationLanes", new NoRoutineLane()),
                Map.of("gatehouse.normalization.routine.queue-size", "10",
                        "gatehouse.normalization.alerting.queue-size", "10"),
                route -> {
                    route.weaveByToUri("sql:classpath:sql/find-inbox-id.sql*").replace().to("mock:find-inbox-id");
                    route.mockEndpointsAndSkip("direct:normalize*", "seda:*");
                });
        camel.start();
        findInboxId = camel.getEndpoint("mock:find-inbox-id", MockEndpoint.class);
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
    }

    @BeforeEach
    void clear() {
        reset(INBOX);
        MockEndpoint.resetMocks(camel);
    }

    @Test
    void answersANewEvent202AfterItsCommitAndHandsItToNormalization() throws Exception {
        when(INBOX.commit(any())).thenReturn(true);
        findInboxId.expectedMessageCount(0);

        Exchange reply = send(seamEvent("evt_1"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        InboxEntry committed = committedEntry();
        assertThat(reply.getMessage().getBody(String.class))
                .contains("\"status\":\"accepted\"").contains("\"eventId\":\"" + committed.id() + "\"");
        await().atMost(Duration.ofSeconds(5)).until(() -> handedToNormalization() == 1);
        findInboxId.assertIsSatisfied();
    }

    @Test
    void answersARedelivery200WithTheIdItGotFirstAndDoesNotNormalizeItAgain() throws Exception {
        when(INBOX.commit(any())).thenReturn(false);
        findInboxId.expectedMessageCount(1);
        findInboxId.whenAnyExchangeReceived(exchange -> exchange.getIn().setBody("first-id"));

        Exchange reply = send(seamEvent("evt_2"));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(reply.getMessage().getBody(String.class))
                .contains("\"status\":\"duplicate\"").contains("\"eventId\":\"first-id\"");
        findInboxId.assertIsSatisfied();
        assertThat(findInboxId.getExchanges().get(0).getIn().getBody()).isEqualTo(committedEntry().toRow());
        assertThat(handedToNormalization()).isZero();
    }

    private static Map<String, Object> seamEvent(String id) {
        return VendorFixtures.parse("{\"event_type\":\"lock.unlocked\",\"event_id\":\"" + id + "\"}");
    }

    private static Exchange send(Map<String, Object> event) {
        return camel.createProducerTemplate().send("direct:store-in-inbox", exchange -> {
            exchange.setProperty(IngressExchange.VENDOR, "seam");
            exchange.setProperty(IngressExchange.RAW_BODY, "{}".getBytes(StandardCharsets.UTF_8));
            exchange.setProperty(IngressExchange.RECEIVED_AT, Instant.parse("2026-01-01T00:00:00Z"));
            exchange.getIn().setBody(event);
        });
    }

    private static InboxEntry committedEntry() {
        var entry = org.mockito.ArgumentCaptor.forClass(InboxEntry.class);
        org.mockito.Mockito.verify(INBOX).commit(entry.capture());
        return entry.getValue();
    }

    private static int handedToNormalization() {
        return camel.getEndpoints().stream()
                .filter(endpoint -> endpoint instanceof MockEndpoint && endpoint.getEndpointUri().contains("normalize"))
                .mapToInt(endpoint -> ((MockEndpoint) endpoint).getReceivedCounter())
                .sum();
    }
}
