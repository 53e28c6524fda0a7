package io.gatehouse.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * Vendor times no clock can mean (a Tedee eventTime in the year 300 000, a Verkada epoch of 3e16 seconds, a Seam
 * occurred_at past what a browser can show) are stored as received, not as when the event happened: the event is
 * kept with its receipt time and the time as sent in its attributes, and the events API lists it with a time the
 * console can show. Runs once per database (PostgreSQL cannot even store the year 300 000).
 */
@GatehouseIntegrationTest
abstract class EventTimeContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks webhooks;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
    }

    @Test
    void keepsATedeeEventTimeInTheYear300000AsSentAndDatesTheEventByItsReceipt() throws Exception {
        ObjectNode webhook = Fixtures.tedee("lock-status-changed");
        ((ObjectNode) webhook.get("data")).put("eventTime", "+300000-01-01T00:00:00Z");

        String id = accepted(webhooks.tedee(Fixtures.json(webhook)));

        assertStoredAtReceiptWithTimeAsSent(id, "\"+300000-01-01T00:00:00Z\"");
    }

    @Test
    void keepsAVerkadaEpochOf3e16AsSentAndDatesTheEventByItsReceipt() throws Exception {
        ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
        ((ObjectNode) webhook.get("data")).put("created", 30_000_000_000_000_000L);   // seconds, as Verkada writes them

        String id = accepted(webhooks.verkada(Fixtures.json(webhook)));

        assertStoredAtReceiptWithTimeAsSent(id, "30000000000000000");
    }

    @Test
    void keepsASeamTimeBeyondWhatABrowserCanShowAsSentAndDatesTheEventByItsReceipt() throws Exception {
        ObjectNode event = Fixtures.seam("lock.unlocked");
        event.put("occurred_at", "+275761-01-01T00:00:00.000Z");

        String id = accepted(webhooks.seam(Fixtures.json(event)));

        assertStoredAtReceiptWithTimeAsSent(id, "\"+275761-01-01T00:00:00.000Z\"");
    }

    @Test
    void keepsASeamTimeBefore2000AsSentAndDatesTheEventByItsReceipt() throws Exception {
        ObjectNode event = Fixtures.seam("lock.unlocked");
        event.put("occurred_at", "1970-01-01T00:00:00.000Z");

        String id = accepted(webhooks.seam(Fixtures.json(event)));

        assertStoredAtReceiptWithTimeAsSent(id, "\"1970-01-01T00:00:00.000Z\"");
    }

    @Test
    void keepsAPlausibleVendorTimeAsTheEventsTime() throws Exception {
        ObjectNode event = Fixtures.seam("lock.unlocked");
        event.put("occurred_at", "2025-06-01T12:00:00.000Z");

        String id = accepted(webhooks.seam(Fixtures.json(event)));

        awaitStored(id);
        Map<String, Object> row = jdbc.queryForMap("select occurred_at, attributes from access_event where id = ?", id);
        assertThat(instant(row.get("occurred_at"))).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat((String) row.get("attributes")).doesNotContain("occurred_at_as_sent");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void assertStoredAtReceiptWithTimeAsSent(String id, String asSentJson) throws Exception {
        awaitStored(id);
        Map<String, Object> row = jdbc.queryForMap(
                "select occurred_at, received_at, attributes from access_event where id = ?", id);
        assertThat(instant(row.get("occurred_at"))).isEqualTo(instant(row.get("received_at")));
        assertThat((String) row.get("attributes")).contains("\"occurred_at_as_sent\":" + asSentJson);

        // the newest page of the events API lists it, with a time a browser can show
        JsonNode page = JSON.readTree(webhooks.get("/api/events?limit=100", SignedWebhooks.API_TOKEN).body());
        JsonNode listed = null;
        for (JsonNode event : page.get("events")) {
            if (event.get("id").asText().equals(id)) {
                listed = event;
            }
        }
        assertThat(listed).as("event %s on the newest page", id).isNotNull();
        Instant occurredAt = Instant.parse(listed.get("occurredAt").asText());
        assertThat(occurredAt).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
        assertThat(listed.get("attributes").get("occurred_at_as_sent").toString()).isEqualTo(asSentJson);
    }

    private void awaitStored(String id) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from access_event where id = ?", Integer.class, id) == 1);
    }

    private static String accepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("eventId").asText();
    }

    private static Instant instant(Object column) {
        return column instanceof OffsetDateTime time ? time.toInstant() : ((java.sql.Timestamp) column).toInstant();
    }
}
