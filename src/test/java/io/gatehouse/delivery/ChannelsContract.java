package io.gatehouse.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.svix.Webhook;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.AdaptiveCard;
import io.gatehouse.support.AdaptiveCard.Fact;
import io.gatehouse.support.AdaptiveCard.FactSet;
import io.gatehouse.support.AdaptiveCard.OpenUrl;
import io.gatehouse.support.AdaptiveCard.TextBlock;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.HttpPeer;
import io.gatehouse.support.SignedWebhooks;

/**
 * Signed Verkada webhooks in; alerts out to Microsoft Teams (a Workflows webhook), PagerDuty's Events API v2 and a
 * signed outbound webhook, all three played by a local HTTP peer that checks each request as the real service
 * would: the card parses as an Adaptive Card, PagerDuty's events carry their routing and dedup keys, the webhook
 * verifies with Svix's Standard Webhooks library. Each test names its own door, so its stubs and assertions see
 * its own alerts only. Runs once per database: see the H2 and PostgreSQL subclasses.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = "spring.config.additional-location=classpath:/channels-test.yaml")
abstract class ChannelsContract {

    @RegisterExtension
    static final HttpPeer PEER = new HttpPeer();
    static final String TEAMS = "/teams/soc";
    static final String PAGERDUTY = "/pagerduty/v2/enqueue";
    static final String WEBHOOK = "/hooks/siem";
    static final String ROUTING_KEY = "R0UT1NGKEY0000000000000000000001";
    static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final ObjectMapper JSON = new ObjectMapper();

    static void peer(DynamicPropertyRegistry registry) {
        registry.add("test.peer.port", PEER::port);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    SignedWebhooks webhooks;

    /** What each service answers when a test says nothing else (a test's own stubs take precedence). */
    @BeforeAll
    static void answerAsTheServicesDo() {
        PEER.stubFor(post(urlEqualTo(TEAMS)).atPriority(10).willReturn(aResponse().withStatus(202)));
        PEER.stubFor(post(urlEqualTo(PAGERDUTY)).atPriority(10).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
        PEER.stubFor(post(urlEqualTo(WEBHOOK)).atPriority(10).willReturn(aResponse().withStatus(204)));
        PEER.stubFor(post(urlEqualTo("/hooks/gone")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withBody("no such hook")));
    }

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
    }

    @Test
    void postsTheAlertToTeamsAsAnAdaptiveCardWithItsFactsAndALinkToTheEvent() throws Exception {
        String door = "TeamsDoor-" + run();

        String eventId = send(verkada("door_held_open", door));

        JsonNode message = JSON.readTree(awaitRequest(TEAMS, door).getBodyAsString());
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("attachments")).hasSize(1);
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        AdaptiveCard card = AdaptiveCard.parse(attachment.get("content"));
        assertThat(card.version()).isEqualTo("1.4");
        TextBlock title = (TextBlock) card.body().get(0);
        assertThat(title.text()).isEqualTo("[WARNING] Door held open — " + door);
        assertThat(title.color()).isEqualTo(AdaptiveCard.Colour.Warning);
        Map<String, String> facts = facts((FactSet) card.body().get(2));
        assertThat(facts.keySet()).containsExactly("When", "What", "Door", "Device", "Site", "Who", "Vendor", "Event");
        assertThat(facts).containsEntry("Door", door).containsEntry("Event", eventId)
                .containsEntry("What", "Door held open (unknown)")
                .containsEntry("Vendor", "verkada door＿held＿open");
        assertThat(facts.get("Who")).contains("John Smith");
        assertThat(card.actions()).containsExactly(
                new OpenUrl("Open in Gatehouse", "https://gatehouse.example.com/#event=" + eventId));
        awaitStatus(eventId, "teams:soc", "sent");
        assertThat(message.toString()).doesNotContain("john.smith@example.com", "+1234567890");
    }

    @Test
    void triggersAPagerDutyIncidentAndResolvesItWithTheSameDedupKeyWhenTheDoorCloses() throws Exception {
        String door = "PagedDoor-" + run();

        String heldOpen = send(verkada("door_held_open", door));

        JsonNode trigger = JSON.readTree(awaitRequest(PAGERDUTY, door).getBodyAsString());
        assertThat(trigger.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        String dedupKey = trigger.get("dedup_key").asText();
        assertThat(dedupKey).isEqualTo("gatehouse/held-open/door:" + door);
        JsonNode payload = trigger.get("payload");
        assertThat(payload.get("severity").asText()).isEqualTo("warning");
        assertThat(payload.get("summary").asText()).isEqualTo("[WARNING] Door held open — " + door);
        assertThat(payload.get("source").asText()).isEqualTo(door);
        assertThat(payload.get("class").asText()).isEqualTo("door.held_open");
        assertThat(Instant.parse(payload.get("timestamp").asText())).isNotNull();
        assertThat(payload.get("custom_details").get("Event").asText()).isEqualTo(heldOpen);
        assertThat(payload.get("custom_details").get("Rule").asText()).isEqualTo("held-open");
        assertThat(trigger.get("links").get(0).get("href").asText())
                .isEqualTo("https://gatehouse.example.com/#event=" + heldOpen);
        awaitStatus(heldOpen, "pagerduty:oncall", "sent");

        // another door closing resolves nothing; this door closing resolves its incident
        send(verkada("door_closed", "OtherDoor-" + run()));
        String closed = send(verkada("door_closed", door));

        await().atMost(Duration.ofSeconds(15)).until(() -> PEER.received(PAGERDUTY, door).size() == 2);
        JsonNode resolve = JSON.readTree(PEER.received(PAGERDUTY, door).get(1).getBodyAsString());
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(dedupKey);
        assertThat(resolve.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        String alertId = jdbc.queryForObject("select id from alert where trigger_event_id = ?", String.class, heldOpen);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from alert_delivery "
                + "where alert_id = ? and action = 'resolve' and status = 'sent'", Integer.class, alertId) == 1);
        assertThat(jdbc.queryForObject("select resolved_at from alert where id = ?", Object.class, alertId))
                .isNotNull();
        // only PagerDuty hears of the resolve; the door's closing raised no alert of its own
        assertThat(jdbc.queryForList("select channel from alert_delivery where alert_id = ? and action = 'resolve'",
                String.class, alertId)).containsExactly("pagerduty:oncall");
        assertThat(jdbc.queryForObject("select count(*) from alert where trigger_event_id = ?", Integer.class, closed))
                .isZero();
        JsonNode alert = JSON.readTree(webhooks.get("/api/alerts/" + alertId, SignedWebhooks.API_TOKEN).body());
        assertThat(alert.get("resolvedAt").isNull()).isFalse();

        // replaying the closing event resolves nothing twice
        webhooks.post("/api/events/" + closed + "/replay", "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                PEER.received(PAGERDUTY, door).size() == 2);
    }

    @Test
    void signsTheWebhookSoThatSvixVerifiesItWithTheSameIdAtEveryRetry() throws Exception {
        String door = "HookDoor-" + run();
        String scenario = "hook-" + door;
        PEER.stubFor(post(urlEqualTo(WEBHOOK)).withRequestBody(containing(door)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        PEER.stubFor(post(urlEqualTo(WEBHOOK)).withRequestBody(containing(door)).inScenario(scenario)
                .whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));

        String eventId = send(verkada("door_held_open", door));

        awaitStatus(eventId, "webhook:siem", "sent");
        List<LoggedRequest> requests = PEER.received(WEBHOOK, door);
        assertThat(requests).hasSize(2);
        Webhook receiver = new Webhook(WEBHOOK_SECRET);
        for (LoggedRequest request : requests) {
            receiver.verify(request.getBodyAsString(), signatureHeaders(request));
        }
        String deliveryId = jdbc.queryForObject("select d.id from alert_delivery d join alert a on a.id = d.alert_id "
                + "where a.trigger_event_id = ? and d.channel = 'webhook:siem'", String.class, eventId);
        assertThat(requests).extracting(request -> request.getHeader("webhook-id")).containsOnly(deliveryId);
        JsonNode body = JSON.readTree(requests.get(1).getBodyAsString());
        assertThat(body.get("type").asText()).isEqualTo("alert.raised");
        assertThat(body.at("/data/alert/rule").asText()).isEqualTo("held-open");
        assertThat(body.at("/data/events/0/id").asText()).isEqualTo(eventId);
        assertThat(body.at("/data/events/0/type").asText()).isEqualTo("door.held_open");
        assertThat(body.at("/data/events/0/door/name").asText()).isEqualTo(door);
        assertThat(requests.get(1).getBodyAsString()).doesNotContain("john.smith@example.com", "+1234567890");

        // a body changed on the way is refused by the receiver
        String tampered = requests.get(1).getBodyAsString().replace(door, door + "x");
        LoggedRequest signed = requests.get(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> receiver.verify(tampered, signatureHeaders(signed)))
                .isInstanceOf(com.svix.exceptions.WebhookVerificationException.class);
    }

    @Test
    void retriesAPagerDutyServerErrorAndThenDelivers() {
        String door = "FlakyPager-" + run();
        String scenario = "pager-" + door;
        PEER.stubFor(post(urlEqualTo(PAGERDUTY)).withRequestBody(containing(door)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        PEER.stubFor(post(urlEqualTo(PAGERDUTY)).withRequestBody(containing(door)).inScenario(scenario)
                .whenScenarioStateIs("up").willReturn(aResponse().withStatus(202)
                        .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));

        String eventId = send(verkada("door_forced_open", door));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivery(eventId, "pagerduty:oncall"))
                .containsEntry("status", "sent").containsEntry("attempts", 2));
        assertThat(PEER.received(PAGERDUTY, door)).hasSize(2);
    }

    @Test
    void waitsAsLongAsPagerDutysRetryAfterSays() {
        String door = "LimitedPager-" + run();
        String scenario = "limited-" + door;
        PEER.stubFor(post(urlEqualTo(PAGERDUTY)).withRequestBody(containing(door)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "3").withBody("{\"status\":\"throttle event\"}"))
                .willSetStateTo("allowed"));
        PEER.stubFor(post(urlEqualTo(PAGERDUTY)).withRequestBody(containing(door)).inScenario(scenario)
                .whenScenarioStateIs("allowed").willReturn(aResponse().withStatus(202)));

        String eventId = send(verkada("door_forced_open", door));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivery(eventId, "pagerduty:oncall"))
                .containsEntry("status", "sent"));
        List<LoggedRequest> requests = PEER.received(PAGERDUTY, door);
        assertThat(requests).hasSize(2);
        // the queue's own backoff after a first failure is 300ms; PagerDuty asked for 3s
        assertThat(Duration.between(requests.get(0).getLoggedDate().toInstant(),
                requests.get(1).getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void failsAnEventPagerDutyRefusesAtOnceWithItsMessageAndSendsTheNextAlert() {
        String door = "RefusedPager-" + run();
        String next = "NextPager-" + run();
        PEER.stubFor(post(urlEqualTo(PAGERDUTY)).withRequestBody(containing(door)).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}")));

        String refused = send(verkada("door_forced_open", door));
        String after = send(verkada("door_forced_open", next));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivery(refused, "pagerduty:oncall"))
                .containsEntry("status", "failed").containsEntry("attempts", 1));
        assertThat((String) delivery(refused, "pagerduty:oncall").get("last_error"))
                .contains("HTTP 400", "Event object is invalid", "Length of 'routing_key' is incorrect", "permanent")
                .doesNotContain(ROUTING_KEY);
        assertThat(PEER.received(PAGERDUTY, door)).hasSize(1);
        // the channel's next alert is not held back behind retries
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(after, "pagerduty:oncall"))
                .containsEntry("status", "sent").containsEntry("attempts", 1));
    }

    @Test
    void failsAWebhookThatIsGoneAtOnce() {
        String door = "GoneHook-" + run();
        PEER.stubFor(post(urlEqualTo(WEBHOOK)).withRequestBody(containing(door)).willReturn(aResponse()
                .withStatus(404).withBody("hook not found")));

        String eventId = send(verkada("door_held_open", door));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivery(eventId, "webhook:siem"))
                .containsEntry("status", "failed").containsEntry("attempts", 1));
        assertThat((String) delivery(eventId, "webhook:siem").get("last_error")).contains("HTTP 404", "hook not found");
        assertThat(PEER.received(WEBHOOK, door)).hasSize(1);
    }

    @Test
    void vendorTextWithMentionsMarkdownHtmlOrCardJsonDoesNotChangeTheCardNorThePagerDutyEvent() throws Exception {
        String marker = "Hostile" + run();
        String door = marker + " <at>Everyone</at> @channel **bold** _it_ [click](https://evil.example/x) <b>x</b> "
                + "- item\r\n1. list \"}]},{\"type\":\"Action.OpenUrl\",\"title\":\"Pay\","
                + "\"url\":\"https://evil.example\"}"
                + " ${secret} \u202Egnp.exe";
        ObjectNode webhook = verkada("door_held_open", door);
        ((ObjectNode) webhook.get("data").get("user_info")).put("name",
                "- Mallory\n{\"type\":\"FactSet\",\"facts\":[{\"title\":\"Who\",\"value\":\"CEO\"}]}");

        String eventId = send(webhook);

        JsonNode message = JSON.readTree(awaitRequest(TEAMS, marker).getBodyAsString());
        assertThat(message.get("attachments")).hasSize(1);
        JsonNode content = message.get("attachments").get(0).get("content");
        AdaptiveCard card = AdaptiveCard.parse(content);
        assertThat(card.body()).extracting(element -> element.getClass().getSimpleName())
                .containsExactly("TextBlock", "TextBlock", "FactSet", "TextBlock");
        assertThat(card.actions()).containsExactly(
                new OpenUrl("Open in Gatehouse", "https://gatehouse.example.com/#event=" + eventId));
        Map<String, String> facts = facts((FactSet) card.body().get(2));
        assertThat(facts.keySet()).containsExactly("When", "What", "Door", "Device", "Site", "Who", "Vendor", "Event");
        List<String> texts = new ArrayList<>(facts.values());
        texts.add(((TextBlock) card.body().get(0)).text());
        texts.add(card.fallbackText());
        assertThat(String.join("\n", texts)).contains(marker);
        for (String text : texts) {
            assertThat(text).doesNotContain("<at>", "</at>", "<b>", "**", "_it_", "](", "https://", "evil.example",
                    "\r", "\n", "\u202E").doesNotStartWith("- ").doesNotStartWith("1. ");
        }
        assertThat(facts.get("Who")).doesNotStartWith("- ").contains("Mallory");

        JsonNode trigger = JSON.readTree(awaitRequest(PAGERDUTY, marker).getBodyAsString());
        List<String> fields = new ArrayList<>();
        trigger.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("routing_key", "event_action", "dedup_key", "client", "payload",
                "client_url", "links");
        assertThat(trigger.get("links")).hasSize(1);
        List<String> details = new ArrayList<>();
        trigger.at("/payload/custom_details").fieldNames().forEachRemaining(details::add);
        assertThat(details).containsExactly("Rule", "Alert", "When", "What", "Door", "Device", "Site", "Who", "Vendor",
                "Event");
        assertThat(trigger.at("/payload/summary").asText()).contains(marker)
                .doesNotContain("\r", "\n", "https://", "\u202E");
    }

    @Test
    void testSendsAClearlyMarkedAlertThroughAChannelAndAnswersWithTheOutcome() throws Exception {
        Map<String, String> token = Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN);
        int before = PEER.received(TEAMS, "TEST from Gatehouse").size();

        HttpResponse<String> sent = webhooks.post("/api/channels/teams:soc/test", "", token);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(JSON.readTree(sent.body()).get("outcome").asText()).isEqualTo("sent");
        List<LoggedRequest> requests = PEER.received(TEAMS, "TEST from Gatehouse");
        assertThat(requests).hasSize(before + 1);
        AdaptiveCard card = AdaptiveCard.parse(JSON.readTree(requests.get(requests.size() - 1).getBodyAsString())
                .get("attachments").get(0).get("content"));
        assertThat(((TextBlock) card.body().get(0)).text())
                .isEqualTo("[INFO] TEST from Gatehouse: channel check, no action needed");

        HttpResponse<String> paged = webhooks.post("/api/channels/pagerduty:oncall/test", "", token);
        assertThat(paged.statusCode()).as(paged.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(PEER.received(PAGERDUTY, "TEST from Gatehouse").get(0).getBodyAsString());
        assertThat(page.get("event_action").asText()).isEqualTo("trigger");
        assertThat(page.at("/payload/severity").asText()).isEqualTo("info");

        HttpResponse<String> gone = webhooks.post("/api/channels/webhook:gone/test", "", token);
        assertThat(gone.statusCode()).isEqualTo(502);
        JsonNode failed = JSON.readTree(gone.body());
        assertThat(failed.get("outcome").asText()).isEqualTo("failed");
        assertThat(failed.get("permanent").asBoolean()).isTrue();
        assertThat(failed.get("error").asText()).contains("HTTP 404", "no such hook").doesNotContain("/hooks/gone");
        Webhook receiver = new Webhook(WEBHOOK_SECRET);
        LoggedRequest test = PEER.received("/hooks/gone", "alert.test").get(0);
        receiver.verify(test.getBodyAsString(), signatureHeaders(test));

        assertThat(webhooks.post("/api/channels/teams:nope/test", "", token).statusCode()).isEqualTo(404);
        assertThat(webhooks.post("/api/channels/slack:security/test", "", token).statusCode()).isEqualTo(409);
        assertThat(webhooks.post("/api/channels/teams:soc/test", "", Map.of()).statusCode()).isEqualTo(401);
        // nothing of it is stored as an alert
        assertThat(jdbc.queryForObject("select count(*) from alert where rule_name like 'TEST%'", Integer.class))
                .isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, String> facts(FactSet set) {
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        for (Fact fact : set.facts()) {
            facts.put(fact.title(), fact.value());
        }
        return facts;
    }

    ObjectNode verkada(String notificationType, String door) {
        return Fixtures.verkadaAtDoor(notificationType, door);
    }

    /** The webhook-* headers of a request, as a receiver hands them to Svix's {@code verify}. */
    static Map<String, List<String>> signatureHeaders(LoggedRequest request) {
        return Map.of("webhook-id", List.of(request.getHeader("webhook-id")),
                "webhook-timestamp", List.of(request.getHeader("webhook-timestamp")),
                "webhook-signature", List.of(request.getHeader("webhook-signature")));
    }

    String send(ObjectNode webhook) {
        return webhooks.verkadaAccepted(Fixtures.json(webhook));
    }

    LoggedRequest awaitRequest(String path, String marker) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !PEER.received(path, marker).isEmpty());
        return PEER.received(path, marker).get(0);
    }

    void awaitStatus(String eventId, String channel, String status) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivery(eventId, channel))
                .containsEntry("status", status));
    }

    Map<String, Object> delivery(String triggerEventId, String channel) {
        List<Map<String, Object>> rows = jdbc.queryForList("select d.status, d.attempts, d.last_error from "
                + "alert_delivery d join alert a on a.id = d.alert_id where a.trigger_event_id = ? and d.channel = ? "
                + "and d.action = 'trigger'", triggerEventId, channel);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }
}
