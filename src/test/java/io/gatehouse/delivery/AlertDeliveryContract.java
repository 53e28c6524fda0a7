package io.gatehouse.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;
import io.gatehouse.support.SmtpServer;

/**
 * Signed webhooks in; alerts out to a real SMTP server (GreenMail) and a local Slack stub (WireMock), with the
 * failures Slack and SMTP have in real life. Each test names its own door, so stubs and assertions never see
 * another test's alerts. Runs once per database: see the H2 and PostgreSQL subclasses.
 */
@GatehouseIntegrationTest
// an additional location, because the application.yaml next to the tests outranks profile files
@TestPropertySource(properties = "spring.config.additional-location=classpath:/alerting-test.yaml")
abstract class AlertDeliveryContract {

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();
    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    static void peers(DynamicPropertyRegistry registry) {
        registry.add("test.slack.port", SLACK::port);
        registry.add("test.smtp.port", SMTP::port);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeliveryProperties deliveryProperties;

    SignedWebhooks webhooks;

    @BeforeEach
    void connect() {
        webhooks = new SignedWebhooks(port);
    }

    @Test
    void sendsAForcedOpenDoorToSlackAndByEmail() throws Exception {
        String door = "Front Door " + UUID.randomUUID().toString().substring(0, 8);
        SLACK.webhookAnswersOk("/services/T000/B000/test", door);

        String eventId = send(verkada("door_forced_open", door));

        LoggedRequest slack = awaitSlackRequest("/services/T000/B000/test", door);
        JsonNode message = JSON.readTree(slack.getBodyAsString());
        assertThat(message.get("text").asText()).contains("[CRITICAL] Door forced open — " + door);
        assertThat(message.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(slack.getBodyAsString()).contains(eventId).contains("Lobby Door Controller");

        MimeMessage email = awaitEmail(door);
        assertThat(email.getSubject()).isEqualTo("[CRITICAL] Door forced open — " + door);
        assertThat(addresses(email.getRecipients(Message.RecipientType.TO))).containsExactly("soc@example.com");
        assertThat(addresses(email.getRecipients(Message.RecipientType.CC))).containsExactly("lead@example.com");
        assertThat(addresses(email.getFrom())).containsExactly("gatehouse@example.com");
        assertThat(parts(email)).anyMatch(p -> p.startsWith("text/plain"))
                .anyMatch(p -> p.startsWith("text/html"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.queryForList("select d.status from alert_delivery d join alert a on a.id = d.alert_id "
                        + "where a.trigger_event_id = ?", String.class, eventId)).containsExactly("sent", "sent"));
        JsonNode alerts = JSON.readTree(webhooks.get("/api/alerts?rule=forced-open", SignedWebhooks.API_TOKEN).body());
        assertThat(alerts.get("alerts").get(0).get("events").get(0).get("id").asText()).isEqualTo(eventId);
    }

    @Test
    void raisesOneAlertListingThreeDeniedBadgesAtOneDoorThenThrottles() {
        String door = "DeniedDoor" + UUID.randomUUID().toString().substring(0, 8);
        SLACK.postMessageAnswersOk(door);

        String first = send(verkada("door_keycard_entered_rejected", door));
        String second = send(verkada("door_keycard_entered_rejected", door));
        String third = send(verkada("door_keycard_entered_rejected", door));
        awaitAlertCount("repeated-denials", door, 1);
        String fourth = send(verkada("door_keycard_entered_rejected", door));
        String fifth = send(verkada("door_keycard_entered_rejected", door));
        String sixth = send(verkada("door_keycard_entered_rejected", door));
        awaitNormalized(sixth);

        List<String> covered = jdbc.queryForList("select event_ids from alert where rule_name = 'repeated-denials' "
                + "and group_key = ?", String.class, "door:" + door);
        assertThat(covered).hasSize(1);
        assertThat(covered.get(0)).contains(first, second, third).doesNotContain(fourth);
        LoggedRequest slack = awaitSlackRequest("/api/chat.postMessage", door);
        assertThat(java.net.URLDecoder.decode(slack.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("3 × Access denied — " + door);
        assertThat(jdbc.queryForObject("select suppressed from rule_group_state where rule_name = 'repeated-denials' "
                + "and group_key = ?", Integer.class, "door:" + door)).isEqualTo(1);
        assertThat(fifth).isNotBlank();
    }

    @Test
    void retriesASlackServerErrorAndThenDelivers() {
        String door = "Flaky Door " + UUID.randomUUID().toString().substring(0, 8);
        String scenario = "flaky-" + door;
        SLACK.stubFor(post(urlEqualTo("/services/T000/B000/test")).withRequestBody(containing(door))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("service unavailable"))
                .willSetStateTo("recovered"));
        SLACK.stubFor(post(urlEqualTo("/services/T000/B000/test")).withRequestBody(containing(door))
                .inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        String eventId = send(verkada("door_forced_open", door));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivery(eventId, "slack:webhook"))
                .containsEntry("status", "sent").containsEntry("attempts", 2));
        assertThat(SLACK.received("/services/T000/B000/test", door)).hasSize(2);
    }

    @Test
    void countsSlackOkFalseAsAFailureAndMarksTheDeliveryFailedAfterTheLastAttempt() {
        String door = "OkFalseDoor" + UUID.randomUUID().toString().substring(0, 8);
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing(door))
                .willReturn(okJson("{\"ok\":false,\"error\":\"internal_error\"}")));

        String eventId = send(verkada("door_held_open", door));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivery(eventId, "slack:bot"))
                .containsEntry("status", "failed").containsEntry("attempts", 4));
        assertThat((String) delivery(eventId, "slack:bot").get("last_error")).contains("internal_error");
        assertThat(SLACK.received("/api/chat.postMessage", door)).hasSize(4);

        // Slack is well again; the operator retries the failed delivery from the API
        SLACK.postMessageAnswersOk(door);
        retryFromTheApiUntilSent(eventId, "slack:bot");
    }

    @Test
    void failsADeliveryToAChannelSlackDoesNotKnowAtOnceAndSendsTheChannelsNextAlert() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String door = "NoChannelDoor" + run;
        String next = "NextDoor-" + run;   // not containing the first door's name: the stub matches on it
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing(door))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        SLACK.postMessageAnswersOk(next);

        String eventId = send(verkada("door_held_open", door));
        String nextId = send(verkada("door_held_open", next));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(eventId, "slack:bot"))
                .containsEntry("status", "failed").containsEntry("attempts", 1));
        assertThat((String) delivery(eventId, "slack:bot").get("last_error"))
                .contains("channel_not_found", "permanent");
        assertThat(SLACK.received("/api/chat.postMessage", door)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(nextId, "slack:bot"))
                .containsEntry("status", "sent").containsEntry("attempts", 1));

        // the channel is fixed; the operator retries the failed delivery from the API
        SLACK.postMessageAnswersOk(door);
        retryFromTheApiUntilSent(eventId, "slack:bot");
    }

    @Test
    void failsADeliveryToARemovedIncomingWebhookAtOnce() {
        String door = "RemovedHookDoor" + UUID.randomUUID().toString().substring(0, 8);
        SLACK.webhookFails("/services/T000/B000/test", door, 404, "no_service");

        String eventId = send(verkada("door_forced_open", door));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(eventId, "slack:webhook"))
                .containsEntry("status", "failed").containsEntry("attempts", 1));
        assertThat((String) delivery(eventId, "slack:webhook").get("last_error")).contains("404", "permanent");
        assertThat(SLACK.received("/services/T000/B000/test", door)).hasSize(1);
    }

    @Test
    void waitsAsLongAsSlackRetryAfterSays() {
        String door = "RateLimitedDoor" + UUID.randomUUID().toString().substring(0, 8);
        String scenario = "limited-" + door;
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing(door))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("allowed"));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).withRequestBody(containing(door))
                .inScenario(scenario).whenScenarioStateIs("allowed")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")));

        String eventId = send(verkada("door_held_open", door));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivery(eventId, "slack:bot"))
                .containsEntry("status", "sent"));
        List<LoggedRequest> requests = SLACK.received("/api/chat.postMessage", door);
        assertThat(requests).hasSize(2);
        Duration waited = Duration.between(requests.get(0).getLoggedDate().toInstant(),
                requests.get(1).getLoggedDate().toInstant());
        // the configured backoff after a first failure is 300ms; Slack asked for 3s
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void sendsQueuedAlertsToAChannelInTheOrderTheyWereRaisedWhenItIsBack() {
        String path = "/services/T000/B000/ordered";
        String run = UUID.randomUUID().toString().substring(0, 8);
        // the stub server is shared by the H2 and PostgreSQL runs: a scenario and doors of this run's own
        String scenario = "ordered-outage-" + run;
        String[] states = {Scenario.STARTED, "second failure", "third failure"};
        for (int i = 0; i < states.length; i++) {
            SLACK.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs(states[i])
                    .willReturn(aResponse().withStatus(503).withBody("down"))
                    .willSetStateTo(i + 1 < states.length ? states[i + 1] : "up"));
        }
        SLACK.stubFor(post(urlEqualTo(path)).inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        List<String> doors = List.of("Ordered-1-" + run, "Ordered-2-" + run, "Ordered-3-" + run);

        for (String door : doors) {
            send(verkada("door_opened", door));
            // the next alert is raised only after this one, so their order is known
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from alert "
                    + "where rule_name = 'ordered-doors' and group_key = ?", Integer.class, "door:" + door) == 1);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> SLACK.received(path, doors.get(2)).size() == 1);
        List<String> sequence = SLACK.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> doors.stream().filter(request.getBodyAsString()::contains).findFirst().orElse("?"))
                .filter(door -> !door.equals("?"))
                .toList();
        // three refused attempts of the first alert, then each alert once, in order
        assertThat(sequence).containsExactly(doors.get(0), doors.get(0), doors.get(0), doors.get(0), doors.get(1),
                doors.get(2));
    }

    @Test
    void keepsTheEmailWhileSmtpIsDownAndSendsItWhenItIsBack() throws Exception {
        String door = "Mailroom " + UUID.randomUUID().toString().substring(0, 8);
        SLACK.webhookAnswersOk("/services/T000/B000/test", door);
        SMTP.stop();

        String eventId = send(verkada("door_forced_open", door));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivery(eventId, "email:soc"))
                .containsEntry("status", "pending").extractingByKey("last_error").isNotNull());
        SMTP.start();
        MimeMessage email = awaitEmail(door);
        assertThat(email.getSubject()).contains(door);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(eventId, "email:soc"))
                .containsEntry("status", "sent"));
    }

    @Test
    void webhookHeadersCannotChangeTheEmailRecipientsSenderOrSubject() throws Exception {
        String door = "Header Door " + UUID.randomUUID().toString().substring(0, 8);
        SLACK.webhookAnswersOk("/services/T000/B000/test", door);
        String body = Fixtures.json(verkada("door_forced_open", door));
        long ts = Instant.now().getEpochSecond();
        Map<String, String> headers = new HashMap<>(SignedWebhooks.verkadaHeaders(
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), SignedWebhooks.VERKADA_SECRET, ts));
        headers.put("To", "attacker@evil.example");
        headers.put("Cc", "attacker@evil.example");
        headers.put("Bcc", "attacker@evil.example");
        headers.put("From", "ceo@example.com");
        headers.put("Subject", "forged");
        headers.put("Reply-To", "attacker@evil.example");

        HttpResponse<String> response = webhooks.post("/webhooks/verkada", body, headers);

        assertThat(response.statusCode()).isEqualTo(202);
        MimeMessage email = awaitEmail(door);
        assertThat(email.getSubject()).isEqualTo("[CRITICAL] Door forced open — " + door);
        assertThat(addresses(email.getAllRecipients())).containsExactlyInAnyOrder("soc@example.com", "lead@example.com");
        assertThat(addresses(email.getFrom())).containsExactly("gatehouse@example.com");
        assertThat(email.getReplyTo()).extracting(Address::toString).doesNotContain("attacker@evil.example");
        assertThat(Arrays.stream(SMTP.getReceivedMessages()).flatMap(m -> {
            try {
                return Arrays.stream(m.getAllRecipients());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).map(Address::toString)).doesNotContain("attacker@evil.example");
    }

    @Test
    void escapesVendorTextSoThatItCannotMentionAWholeSlackChannel() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String door = "<!channel> " + marker;
        SLACK.webhookAnswersOk("/services/T000/B000/test", marker);

        send(verkada("door_forced_open", door));

        JsonNode message = JSON.readTree(awaitSlackRequest("/services/T000/B000/test", marker).getBodyAsString());
        assertThat(message.get("text").asText()).contains("&lt;!channel&gt; " + marker).doesNotContain("<!channel>");
        // mrkdwn is where Slack expands mentions; plain_text (the header) shows text as it is
        assertThat(message.findValues("text")).filteredOn(node -> "mrkdwn".equals(node.path("type").asText()))
                .extracting(node -> node.get("text").asText()).noneMatch(text -> text.contains("<!channel>"));
    }

    @Test
    void deliversTheAlertOfAForcedDoorWhoseNameIsAThousandCharactersLong() throws Exception {
        String marker = "LongDoor" + UUID.randomUUID().toString().substring(0, 8);
        String door = marker + "x".repeat(1000 - marker.length());
        SLACK.webhookAnswersOk("/services/T000/B000/test", marker);

        String eventId = send(verkada("door_forced_open", door));

        // the 202 led to a stored event, whose columns hold the name cut to their width, marked as cut
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from access_event where id = ?", Integer.class, eventId) == 1);
        Map<String, Object> row = jdbc.queryForMap("select door_id, door_name from access_event where id = ?", eventId);
        assertThat((String) row.get("door_name")).startsWith(marker).hasSize(255).endsWith("…");
        assertThat((String) row.get("door_id")).startsWith(marker).hasSize(255).endsWith("…");
        // the raw payload keeps the whole name
        assertThat(jdbc.queryForObject("select raw_body from inbox where id = ?", String.class, eventId)).contains(door);
        // and the alert went out on both channels
        assertThat(awaitSlackRequest("/services/T000/B000/test", marker).getBodyAsString()).contains(eventId);
        assertThat(awaitEmail(marker).getSubject()).startsWith("[CRITICAL] Door forced open — " + marker);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.queryForList("select d.status from alert_delivery d join alert a on a.id = d.alert_id "
                        + "where a.trigger_event_id = ?", String.class, eventId)).containsExactly("sent", "sent"));
    }

    @Test
    void neutralisesMentionsFormattingMarkupLineBreaksBidiAndLinksInVendorText() throws Exception {
        String marker = "Hostile" + UUID.randomUUID().toString().substring(0, 8);
        String door = marker + " <!channel> @here *bold* _it_ ~gone~ `code` <b>html</b> &amp; https://evil.example/x"
                + "\r\nBcc: attacker@evil.example\r\n\r\nforged body \u202Egnp.exe\u2066 \u0000\u200Bend";
        SLACK.webhookAnswersOk("/services/T000/B000/test", marker);
        ObjectNode webhook = verkada("door_forced_open", door);
        ((ObjectNode) webhook.get("data").get("user_info")).put("name", "@channel Mallory\n*Who*: <@U123> www.evil.example");

        String eventId = send(webhook);

        JsonNode message = JSON.readTree(awaitSlackRequest("/services/T000/B000/test", marker).getBodyAsString());
        // the message keeps its shape: header, rule, one divider and section per event, the footer
        List<String> blockTypes = new java.util.ArrayList<>();
        message.get("blocks").forEach(block -> blockTypes.add(block.get("type").asText()));
        assertThat(blockTypes).containsExactly("header", "section", "divider", "section", "context");
        List<String> labels = new java.util.ArrayList<>();
        message.get("blocks").get(3).get("fields").forEach(field -> labels.add(field.get("text").asText().split("\n", 2)[0]));
        assertThat(labels).containsExactly("*When*", "*What*", "*Door*", "*Device*", "*Site*", "*Who*", "*Vendor*",
                "*Event*");
        List<String> texts = message.findValues("text").stream()
                .map(node -> node.isTextual() ? node.asText() : node.path("text").asText()).toList();
        assertThat(String.join("\n", texts)).contains(marker).contains(eventId);
        for (String text : texts) {
            assertThat(text).doesNotContain("<!channel>", "@here", "@channel", "<@U123>", "<b>", "https://",
                    "evil.example", "\r", "\u202E", "\u2066", "\u0000", "\u200B", "*bold*", "_it_", "~gone~",
                    "`code`");
        }
        // a vendor value stays on its one line of its one field: the forged lines do not start fields of their own
        for (JsonNode field : message.get("blocks").get(3).get("fields")) {
            assertThat(field.get("text").asText().split("\n")).hasSize(2);
        }
        assertThat(message.get("text").asText().lines().filter(line -> line.startsWith("Bcc:")
                || line.startsWith("forged body") || line.startsWith("*Who*"))).isEmpty();

        MimeMessage email = awaitEmail(marker);
        assertThat(email.getSubject()).startsWith("[CRITICAL] Door forced open — " + marker)
                .doesNotContain("\r", "\n", "\u202E", "\u2066", "\u0000", "https://");
        assertThat(email.getHeader("Bcc")).isNull();
        assertThat(addresses(email.getAllRecipients())).containsExactlyInAnyOrder("soc@example.com", "lead@example.com");
        String plain = partText(email, "text/plain");
        assertThat(plain).contains(marker).doesNotContain("\u202E", "\u2066", "\u0000", "https://", "evil.example");
        assertThat(plain.lines().filter(line -> line.startsWith("Bcc:") || line.startsWith("forged body")
                || line.startsWith("*Who*"))).isEmpty();
        assertThat(plain.lines().filter(line -> line.startsWith("Door: "))).hasSize(1);
        String html = partText(email, "text/html");
        assertThat(html).contains(marker).doesNotContain("<b>html", "https://", "\u202E");
        assertThat(html.split("<tr>", -1)).hasSize(1 + 8);
    }

    @Test
    void aDeliveryLeftSendingByADeadInstanceDoesNotHoldBackTheNextForcedDoorOnItsChannel() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = "CrashedDoor-" + run;
        String second = "NextDoor-" + run;
        SLACK.webhookAnswersOk("/services/T000/B000/test", run);
        String firstEvent = send(verkada("door_forced_open", first));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(delivery(firstEvent, "slack:webhook"))
                .containsEntry("status", "sent"));

        // an instance claimed the first delivery and died while sending it: the row is as its claim left it
        Instant claimedAt = Instant.now();
        jdbc.update("update alert_delivery set status = 'sending', sent_at = null, next_attempt_at = ? where channel = "
                        + "'slack:webhook' and alert_id = (select id from alert where trigger_event_id = ?)",
                claimedAt.plus(deliveryProperties.lease()).atOffset(java.time.ZoneOffset.UTC), firstEvent);

        Instant raised = Instant.now();
        String secondEvent = send(verkada("door_forced_open", second));

        await().atMost(Duration.ofSeconds(15)).until(() -> !SLACK.findAll(postRequestedFor(
                urlEqualTo("/services/T000/B000/test")).withRequestBody(containing(second))).isEmpty());
        LoggedRequest next = SLACK.received("/services/T000/B000/test", second).get(0);
        Duration heldBack = Duration.between(raised, next.getLoggedDate().toInstant());
        System.out.println("forced door behind a dead instance's delivery went out after " + heldBack.toMillis() + " ms");
        assertThat(heldBack).isLessThan(Duration.ofSeconds(10));
        // the channel's order holds: the delivery the dead instance held went (again) before the next one
        List<LoggedRequest> firsts = SLACK.received("/services/T000/B000/test", first);
        assertThat(firsts).hasSize(2);
        assertThat(firsts.get(1).getLoggedDate()).isBeforeOrEqualTo(next.getLoggedDate());
        // and each forced door raised one alert
        assertThat(jdbc.queryForObject("select count(*) from alert where trigger_event_id in (?, ?)", Integer.class,
                firstEvent, secondEvent)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(firstEvent, "slack:webhook"))
                .containsEntry("status", "sent"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    ObjectNode verkada(String notificationType, String door) {
        return Fixtures.verkadaAtDoor(notificationType, door);
    }

    String send(ObjectNode webhook) {
        return webhooks.verkadaAccepted(Fixtures.json(webhook));
    }

    void retryFromTheApiUntilSent(String eventId, String channel) {
        String alertId = jdbc.queryForObject("select id from alert where trigger_event_id = ?", String.class, eventId);
        HttpResponse<String> retry = webhooks.post("/api/alerts/" + alertId + "/retry", "",
                Map.of("Authorization", "Bearer " + SignedWebhooks.API_TOKEN));
        assertThat(retry.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(eventId, channel))
                .containsEntry("status", "sent"));
    }

    void awaitNormalized(String eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> "normalized".equals(
                jdbc.queryForObject("select status from inbox where id = ?", String.class, eventId)));
    }

    void awaitAlertCount(String rule, String door, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from alert where rule_name = ? and group_key = ?", Integer.class, rule,
                "door:" + door) == count);
    }

    Map<String, Object> delivery(String triggerEventId, String channel) {
        List<Map<String, Object>> rows = jdbc.queryForList("select d.status, d.attempts, d.last_error from "
                + "alert_delivery d join alert a on a.id = d.alert_id where a.trigger_event_id = ? and d.channel = ?",
                triggerEventId, channel);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    LoggedRequest awaitSlackRequest(String path, String marker) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                !SLACK.received(path, marker).isEmpty());
        return SLACK.received(path, marker).get(0);
    }

    MimeMessage awaitEmail(String door) {
        await().atMost(Duration.ofSeconds(20)).until(() -> findEmail(door) != null);
        return findEmail(door);
    }

    private static MimeMessage findEmail(String door) {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            try {
                if (message.getSubject() != null && message.getSubject().contains(door)) {
                    return message;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    /** The text of the first part of this type, e.g. text/plain. */
    private static String partText(MimeMessage message, String type) throws Exception {
        if (!(message.getContent() instanceof MimeMultipart multipart)) {
            return message.isMimeType(type) ? String.valueOf(message.getContent()) : null;
        }
        return partText(multipart, type);
    }

    private static String partText(MimeMultipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.getContent() instanceof MimeMultipart nested) {
                String text = partText(nested, type);
                if (text != null) {
                    return text;
                }
            } else if (part.isMimeType(type)) {
                return String.valueOf(part.getContent());
            }
        }
        return null;
    }

    private static List<String> parts(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (!(content instanceof MimeMultipart multipart)) {
            return List.of(message.getContentType());
        }
        List<String> types = new java.util.ArrayList<>();
        collect(multipart, types);
        return types;
    }

    private static void collect(MimeMultipart multipart, List<String> types) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.getContent() instanceof MimeMultipart nested) {
                collect(nested, types);
            } else {
                types.add(part.getContentType().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
