package io.gatehouse.enrich;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.enrich.DirectoryEntry.Kind;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;

/**
 * Signed webhooks in; events stored with names from each source of the directory (application.yaml, a CSV file,
 * the directory_entry table) and from Seam's and Tedee's APIs, played by a local WireMock stub that also plays
 * Slack. Each test uses device ids of its own.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = "spring.config.additional-location=classpath:/enrichment-test.yaml")
class EnrichmentIT {

    static final WireMockServer VENDORS = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final Path CSV;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        VENDORS.start();
        try (InputStream in = EnrichmentIT.class.getResourceAsStream("/enrich/estate.csv")) {
            CSV = Files.createTempFile("gatehouse-estate", ".csv");
            Files.copy(in, CSV, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("test.vendor.port", VENDORS::port);
        registry.add("test.directory.csv", CSV::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-enrichment;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @BeforeAll
    static void slackAcceptsEverything() {
        VENDORS.stubFor(post(urlPathMatching("/slack/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CurrentDirectory directory;

    SignedWebhooks webhooks;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
    }

    @Test
    void namesADeviceItsDoorSiteZoneAndAccessCodeFromApplicationYaml() {
        String eventId = send(seamUnlock("6f1d5c1e-0000-4000-8000-000000000001",
                "7c0de000-0000-4000-8000-000000000001", "2025-03-04T12:00:00Z"));

        Map<String, Object> row = awaitStored(eventId);
        assertThat(row).containsEntry("device_name", "Server Room lock")
                .containsEntry("door_id", "server-room").containsEntry("door_name", "Server Room")
                .containsEntry("site_id", "hq").containsEntry("site_name", "HQ Berlin")
                .containsEntry("actor_id", "7c0de000-0000-4000-8000-000000000001")
                .containsEntry("actor_name", "Cleaning crew")
                .containsEntry("time_zone", "Europe/Berlin").containsEntry("enrichment", "enriched");
        assertThat((String) row.get("attributes")).contains("\"vendor_site_id\":\"ws-test\"");
        JsonNode api = readJson(webhooks.get("/api/events/" + eventId, SignedWebhooks.API_TOKEN).body());
        assertThat(api.get("zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(api.get("enrichment").asText()).isEqualTo("enriched");
        assertThat(api.get("site").get("name").asText()).isEqualTo("HQ Berlin");
        // known to the directory: Seam's API is not asked
        assertThat(VENDORS.findAll(postRequestedFor(urlEqualTo("/seam/devices/get"))
                .withRequestBody(containing("6f1d5c1e-0000-4000-8000-000000000001")))).isEmpty();
    }

    @Test
    void namesADeviceFromTheCsvFile() {
        String eventId = send(seamUnlock("6f1d5c1e-0000-4000-8000-0000000000c1", null, "2025-03-04T12:00:00Z"));

        assertThat(awaitStored(eventId)).containsEntry("device_name", "Main entrance lock")
                .containsEntry("door_name", "Main entrance").containsEntry("site_name", "Paris, Rive Gauche")
                .containsEntry("time_zone", "Europe/Paris").containsEntry("enrichment", "enriched");
    }

    @Test
    void namesADeviceFromTheDirectoryTableOnceItIsReadAgain() {
        String device = UUID.randomUUID().toString();
        jdbc.update("insert into directory_entry (kind, id, name, time_zone) values ('site', ?, 'Lisbon', "
                + "'Europe/Lisbon')", "lisbon-" + device);
        jdbc.update("insert into directory_entry (kind, id, name, site_id) values ('device', ?, 'Warehouse gate', ?)",
                device, "lisbon-" + device);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> directory.current().find(Kind.DEVICE, device).isPresent());

        String eventId = send(seamUnlock(device, null, "2025-03-04T12:00:00Z"));

        assertThat(awaitStored(eventId)).containsEntry("device_name", "Warehouse gate")
                .containsEntry("site_name", "Lisbon").containsEntry("time_zone", "Europe/Lisbon");
    }

    @Test
    void asksSeamsApiForWhatTheDirectoryDoesNotKnowAndCachesTheAnswers() {
        String device = UUID.randomUUID().toString();
        String code = UUID.randomUUID().toString();
        VENDORS.stubFor(post(urlEqualTo("/seam/devices/get")).withHeader("Authorization", equalTo("Bearer seam-test-key"))
                .withRequestBody(containing(device))
                .willReturn(okJson("{\"device\":{\"device_id\":\"" + device + "\",\"display_name\":\"Garage door\","
                        + "\"location\":{\"location_name\":\"12 Main St\",\"timezone\":\"America/New_York\"}},"
                        + "\"ok\":true}")));
        VENDORS.stubFor(post(urlEqualTo("/seam/access_codes/get")).withHeader("Authorization",
                        equalTo("Bearer seam-test-key")).withRequestBody(containing(code))
                .willReturn(okJson("{\"access_code\":{\"access_code_id\":\"" + code + "\",\"name\":\"Guest Anna\"},"
                        + "\"ok\":true}")));

        String first = send(seamUnlock(device, code, "2025-03-04T12:00:00Z"));
        String second = send(seamUnlock(device, code, "2025-03-04T12:05:00Z"));
        String third = send(seamUnlock(device, code, "2025-03-04T12:10:00Z"));

        for (String eventId : List.of(first, second, third)) {
            assertThat(awaitStored(eventId)).containsEntry("device_name", "Garage door")
                    .containsEntry("actor_name", "Guest Anna").containsEntry("time_zone", "America/New_York")
                    .containsEntry("site_id", "ws-test").containsEntry("site_name", null)
                    .containsEntry("enrichment", "partial");
        }
        assertThat((String) awaitStored(first).get("attributes")).contains("\"location\":\"12 Main St\"");
        assertThat(VENDORS.findAll(postRequestedFor(urlEqualTo("/seam/devices/get"))
                .withRequestBody(containing(device)))).hasSize(1);
        assertThat(VENDORS.findAll(postRequestedFor(urlEqualTo("/seam/access_codes/get"))
                .withRequestBody(containing(code)))).hasSize(1);
    }

    @Test
    void namesATedeeLockFromTedeesApi() {
        ObjectNode webhook = Fixtures.tedee("lock-status-changed");
        String lockId = webhook.get("data").get("deviceId").asText();
        VENDORS.stubFor(get(urlEqualTo("/tedee/api/v1.32/my/lock/" + lockId))
                .withHeader("Authorization", equalTo("PersonalKey tedee-test-key"))
                .willReturn(okJson("{\"result\":{\"id\":" + lockId + ",\"name\":\"Back door\","
                        + "\"timeZone\":\"Europe/Warsaw\"},\"success\":true,\"errorMessages\":[],\"statusCode\":200}")));

        HttpResponse<String> response = webhooks.tedee(Fixtures.json(webhook));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(awaitStored(eventId(response))).containsEntry("device_id", lockId)
                .containsEntry("device_name", "Back door").containsEntry("time_zone", "Europe/Warsaw")
                .containsEntry("enrichment", "enriched");
    }

    @Test
    void aSlowSeamApiNeitherDelaysTheReplyNorHoldsTheEventBack() {
        String device = UUID.randomUUID().toString();
        VENDORS.stubFor(post(urlEqualTo("/seam/devices/get")).withRequestBody(containing(device))
                .willReturn(okJson("{\"device\":{\"display_name\":\"Too late\"}}").withFixedDelay(30_000)));

        long start = System.nanoTime();
        String eventId = send(seamUnlock(device, null, "2025-03-04T12:00:00Z"));
        Duration reply = Duration.ofNanos(System.nanoTime() - start);

        // stored without the name (timeout 5s), long before Seam would have answered (30s)
        Map<String, Object> row = await().atMost(Duration.ofSeconds(20)).until(() -> storedRow(eventId),
                stored -> stored != null);
        assertThat(row).containsEntry("device_id", device).containsEntry("device_name", null)
                .containsEntry("enrichment", "failed");
        assertThat(reply).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aFailingSeamApiLosesNoEvent() {
        String device = UUID.randomUUID().toString();
        VENDORS.stubFor(post(urlEqualTo("/seam/devices/get")).withRequestBody(containing(device))
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));

        String eventId = send(seamUnlock(device, null, "2025-03-04T12:00:00Z"));

        assertThat(awaitStored(eventId)).containsEntry("device_id", device).containsEntry("device_name", null)
                .containsEntry("enrichment", "failed");
        assertThat(jdbc.queryForObject("select status from inbox where id = ?", String.class, eventId))
                .isEqualTo("normalized");
    }

    @Test
    void aRuleOnASiteNameFiresAndTheAlertShowsNamesFirst() {
        String eventId = send(seamUnlock("6f1d5c1e-0000-4000-8000-000000000001", null, "2025-03-04T12:00:00Z"));

        LoggedRequest slack = awaitSlack(eventId);
        assertThat(jdbc.queryForList("select rule_name from alert where trigger_event_id = ?", String.class,
                eventId)).contains("hq-unlocks");
        String message = slack.getBodyAsString();
        assertThat(message).contains("Lock unlocked — Server Room, HQ Berlin")
                .contains("Server Room lock (6f1d5c1e-0000-4000-8000-000000000001)")
                .contains("Server Room (server-room)").contains("HQ Berlin (hq)")
                // no time window zone: the time is shown in the site's zone
                .contains("2025-03-04 13:00:00 CET");
    }

    @Test
    void anAfterHoursRuleWithoutZoneUsesEachSitesZone() {
        // Tuesday 13:30 UTC: 22:30 in Tokyo (after hours), 14:30 in Berlin (within hours)
        String tokyo = send(seamUnlock("6f1d5c1e-0000-4000-8000-000000000002", null, "2025-03-04T13:30:00Z"));
        String berlin = send(seamUnlock("6f1d5c1e-0000-4000-8000-000000000001", null, "2025-03-04T13:30:00Z"));
        awaitStored(tokyo);
        awaitStored(berlin);

        assertThat(rulesFiredBy(tokyo)).contains("after-hours-unlock");
        assertThat(rulesFiredBy(berlin)).doesNotContain("after-hours-unlock").contains("hq-unlocks");
        assertThat(awaitSlack(tokyo).getBodyAsString()).contains("2025-03-04 22:30:00 JST")
                .contains("Tokyo lobby lock");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** A Seam lock.unlocked at a device, optionally with an access code, in workspace ws-test. */
    static ObjectNode seamUnlock(String deviceId, String accessCodeId, String occurredAt) {
        ObjectNode event = Fixtures.seam("lock.unlocked");
        event.remove(List.of("acs_entrance_id", "acs_user_id", "user_identity_id", "access_code_id"));
        event.put("device_id", deviceId).put("workspace_id", "ws-test").put("occurred_at", occurredAt);
        if (accessCodeId != null) {
            event.put("access_code_id", accessCodeId);
        }
        return event;
    }

    String send(ObjectNode seamEvent) {
        HttpResponse<String> response = webhooks.seam(Fixtures.json(seamEvent));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return eventId(response);
    }

    static String eventId(HttpResponse<String> response) {
        return readJson(response.body()).get("eventId").asText();
    }

    static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> storedRow(String eventId) {
        List<Map<String, Object>> rows = jdbc.queryForList("select * from access_event where id = ?", eventId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    Map<String, Object> awaitStored(String eventId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> storedRow(eventId), row -> row != null);
    }

    List<String> rulesFiredBy(String eventId) {
        return jdbc.queryForList("select rule_name from alert where trigger_event_id = ?", String.class, eventId);
    }

    LoggedRequest awaitSlack(String eventId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !VENDORS.findAll(postRequestedFor(
                urlEqualTo("/slack/security")).withRequestBody(containing(eventId))).isEmpty());
        return VENDORS.findAll(postRequestedFor(urlEqualTo("/slack/security"))
                .withRequestBody(containing(eventId))).get(0);
    }
}
