package io.gatehouse.genea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;
import io.gatehouse.support.StoredEvents;
import io.gatehouse.support.VendorFixtures;

/**
 * Genea as Genea sends it, over real HTTP: the brief's examples and one event of every mapped action, signed
 * {@code X-Sequr-Signature: sha1=<hex HMAC-SHA1 of the body>}, asserted on the stored rows; forgeries refused; a
 * forced door and a duress code at the Slack stub through the shipped rules. Runs once per database: see the H2 and
 * PostgreSQL subclasses.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "gatehouse.vendors.genea.secret=" + GeneaWebhooksContract.SECRET,
        "gatehouse.channels.slack.security.webhook-url=http://localhost:${test.slack.port}"
                + GeneaWebhooksContract.SLACK_PATH})
abstract class GeneaWebhooksContract {

    static final String SECRET = "genea-it-webhook-secret";
    static final String SLACK_PATH = "/services/T000/B000/genea";
    static final String CARD_NUMBER = "90210334455";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();

    static void peers(DynamicPropertyRegistry registry) {
        if (!SLACK.isRunning()) {   // the other database's class stopped it after its tests
            SLACK.start();
        }
        registry.add("test.slack.port", SLACK::port);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks webhooks;
    StoredEvents stored;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
        stored = new StoredEvents(jdbc);
        // every alert answered, so that none is retried ahead of the next test's (deliveries keep their order)
        SLACK.webhookAnswersOk(SLACK_PATH, "");
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("access-granted", "access.granted", "success", "card"),
                Arguments.of("audit-created", "unknown", "unknown", "unknown"),
                Arguments.of("access-granted-access-point-unlocked", "access.granted", "success", "card"),
                Arguments.of("access-denied-card-not-found", "access.denied", "denied", "card"),
                Arguments.of("access-denied-invalid-pin", "access.denied", "denied", "unknown"),
                Arguments.of("door-held-open", "door.held_open", "unknown", "unknown"),
                Arguments.of("door-forced-and-held-open", "door.forced_open", "unknown", "unknown"),
                Arguments.of("door-secure", "door.closed", "unknown", "unknown"),
                Arguments.of("door-mode-unlocked", "lock.unlocked", "success", "automatic"),
                Arguments.of("door-mode-card-only", "lock.locked", "success", "remote"),
                Arguments.of("quick-grant", "lock.unlocked", "success", "remote"),
                Arguments.of("reader-offline", "device.disconnected", "unknown", "unknown"),
                Arguments.of("reader-online", "device.connected", "unknown", "unknown"),
                Arguments.of("reader-status-unreadable", "unknown", "unknown", "unknown"),
                Arguments.of("unmapped-action", "unknown", "unknown", "unknown"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("examples")
    void storesEveryGeneaExampleAsItsCanonicalEvent(String fixture, String type, String outcome, String method) {
        ObjectNode payload = VendorFixtures.tree("genea", fixture);
        String body = Fixtures.json(payload);

        HttpResponse<String> response = genea(body, SECRET);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = read(response.body()).get("eventId").asText();
        Map<String, Object> row = stored.awaitEvent(id);
        assertThat(row).containsEntry("vendor", "genea")
                .containsEntry("vendor_event_id", payload.get("uuid").asText())
                .containsEntry("vendor_event_type", payload.get("event_action").asText())
                .containsEntry("type", type)
                .containsEntry("outcome", outcome)
                .containsEntry("method", method)
                .containsEntry("site_id", "00000000-0000-4000-8000-000000000020")
                .containsEntry("site_name", "HQ");
        assertThat(StoredEvents.instant(row.get("occurred_at"))).isEqualTo(Instant.parse(payload.get("event_time").asText()));
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(CARD_NUMBER));
        assertThat(stored.rawBody(id)).isEqualTo(body);
    }

    @Test
    void storesTheOfficialAccessExampleWithItsNamesAndKeepsTheCardNumberOutOfTheEventList() {
        ObjectNode payload = VendorFixtures.tree("genea", "access-granted").put("uuid", newUuid());

        String id = read(genea(Fixtures.json(payload), SECRET).body()).get("eventId").asText();

        JsonNode event = await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(
                () -> read(webhooks.get("/api/events/" + id, SignedWebhooks.API_TOKEN).body()),
                found -> "access.granted".equals(found.path("type").asText()));
        assertThat(event.at("/device/id").asText()).isEqualTo("00000000-0000-4000-8000-000000000030");
        assertThat(event.at("/device/kind").asText()).isEqualTo("access_controller");
        assertThat(event.at("/actor/name").asText()).isEqualTo("Jane Example");
        assertThat(event.at("/site/name").asText()).isEqualTo("HQ");
        assertThat(event.path("occurredAt").asText()).isEqualTo("2020-12-09T10:45:38Z");
        assertThat(event.at("/attributes/card_type").asText()).isEqualTo("KEYCARD");
        assertThat(event.at("/raw/card/card_number").asText()).as("kept in the raw payload").isEqualTo(CARD_NUMBER);
        String list = webhooks.get("/api/events?vendor=genea&limit=500", SignedWebhooks.API_TOKEN).body();
        assertThat(list).contains(id).doesNotContain(CARD_NUMBER);
    }

    @Test
    void refusesAnotherKeyAnAlteredBodyAMissingPrefixAndAMissingHeaderAndStoresNothing() {
        String body = Fixtures.json(VendorFixtures.tree("genea", "access-granted").put("uuid", newUuid()));
        String altered = body.replace("Access Granted", "Access Granted!");
        int before = stored.inboxCount();

        assertRefused(genea(body, "not-the-genea-secret"), "invalid_signature");
        assertRefused(post(altered, "sha1=" + GeneaDefinitionTest.hmacSha1Hex(SECRET, body)), "invalid_signature");
        assertRefused(post(body, GeneaDefinitionTest.hmacSha1Hex(SECRET, body)), "missing_signature");
        assertRefused(webhooks.post("/webhooks/genea", body, Map.of("Content-Type", "application/json")),
                "missing_signature");
        assertThat(stored.inboxCount()).isEqualTo(before);
    }

    @Test
    void answersARedeliveryOfTheSameUuidAsADuplicate() {
        String body = Fixtures.json(VendorFixtures.tree("genea", "access-denied-card-not-found").put("uuid", newUuid()));

        HttpResponse<String> first = genea(body, SECRET);
        HttpResponse<String> retry = genea(body, SECRET);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(read(retry.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(read(retry.body()).get("eventId").asText()).isEqualTo(read(first.body()).get("eventId").asText());
    }

    @Test
    void sendsAForcedDoorToSlackThroughTheShippedRule() {
        String door = "Genea Dock " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode forced = VendorFixtures.tree("genea", "door-forced-open").put("uuid", newUuid())
                .put("event_time", Instant.now().toString());
        ((ObjectNode) forced.get("door")).put("uuid", UUID.randomUUID().toString()).put("name", door);

        String id = read(genea(Fixtures.json(forced), SECRET).body()).get("eventId").asText();

        LoggedRequest slack = SLACK.awaitReceived(SLACK_PATH, door);
        assertThat(read(slack.getBodyAsString()).get("text").asText())
                .contains("[CRITICAL] Door forced open — " + door);
        assertThat(slack.getBodyAsString()).contains(id);
        assertThat(stored.alertRule(id))
                .isEqualTo("door-forced-open");
    }

    @Test
    void sendsADuressCodeToSlackAtOnceWithoutTheCardNumber() {
        String door = "Genea Lobby " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode duress = VendorFixtures.tree("genea", "access-denied-duress").put("uuid", newUuid())
                .put("event_time", Instant.now().toString());
        duress.putObject("card").put("type", "KEYCARD").put("card_number", CARD_NUMBER);
        ((ObjectNode) duress.get("door")).put("uuid", UUID.randomUUID().toString()).put("name", door);

        String id = read(genea(Fixtures.json(duress), SECRET).body()).get("eventId").asText();

        LoggedRequest slack = SLACK.awaitReceived(SLACK_PATH, door);
        assertThat(read(slack.getBodyAsString()).get("text").asText()).contains("[CRITICAL] Access denied — " + door);
        assertThat(slack.getBodyAsString()).doesNotContain(CARD_NUMBER);
        assertThat(stored.alertRule(id))
                .isEqualTo("critical-denial");
    }

    private HttpResponse<String> genea(String body, String secret) {
        return post(body, "sha1=" + GeneaDefinitionTest.hmacSha1Hex(secret, body));
    }

    private HttpResponse<String> post(String body, String signature) {
        return webhooks.post("/webhooks/genea", body, Map.of("Content-Type", "application/json",
                "X-Sequr-Signature", signature));
    }


    private static void assertRefused(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(read(response.body()).get("error").asText()).isEqualTo(error);
    }



    /** A Genea access-event id (24 hex digits) no other test sent. */
    private static String newUuid() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }


    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
