package io.gatehouse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;
import io.gatehouse.telemetry.LogFields;

/**
 * JSON logs as an operator turns them on: every line about an event carries its id and vendor (a delivery's line
 * its alert and channel), and no line carries a badge holder's email, phone or PIN, nor a secret.
 */
@GatehouseIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "spring.config.additional-location=classpath:/operator-test.yaml",
        "logging.structured.format.console=ecs"})
class StructuredLogsIT {

    static {
        // Logback is configured once per JVM, by the first application context of the fork, and the contexts of
        // earlier test classes stay cached: let this class's context configure it again, with the ECS format (the
        // classes after it in the fork then log JSON too, which none of them minds).
        LoggingSystem.get(StructuredLogsIT.class.getClassLoader()).cleanUp();
    }

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("test.slack.port", SLACK::port);
        registry.add("test.smtp.port", () -> 1);   // no rule here sends email
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-logs;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void linesAboutAnEventCarryItsIdAndVendorAndNoPersonalDataOrSecret(CapturedOutput output) throws Exception {
        SignedWebhooks webhooks = new SignedWebhooks(port);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String door = "Log Door " + marker;
        String email = "ada." + marker + "@example.com";
        String phone = "+1 555 0199 " + marker.substring(0, 4);
        String pin = String.valueOf(100000 + Math.abs(marker.hashCode() % 900000));
        SLACK.webhookAnswersOk("/services/T000/B000/ops", door);
        ObjectNode webhook = Fixtures.verkada("door_code_entered_accepted");
        ObjectNode data = (ObjectNode) webhook.get("data");
        data.put("door_id", door).put("created", Instant.now().getEpochSecond()).put("input_value", pin);
        ((ObjectNode) data.get("door_info")).put("name", door);
        ((ObjectNode) data.get("user_info")).put("email", email).put("phone", phone);
        String body = Fixtures.json(webhook);

        HttpResponse<String> accepted = webhooks.verkada(body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = JSON.readTree(accepted.body()).get("eventId").asText();
        HttpResponse<String> forged = webhooks.verkada(body, "not-the-secret", Instant.now());
        assertThat(forged.statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> "sent".equals(jdbc.queryForObject(
                "select d.status from alert_delivery d join alert a on a.id = d.alert_id where a.trigger_event_id = ?",
                String.class, eventId)));
        String alertId = jdbc.queryForObject("select id from alert where trigger_event_id = ?", String.class, eventId);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("alert " + alertId + " delivered"));

        List<JsonNode> lines = jsonLines(output.getOut());
        List<JsonNode> aboutTheEvent = lines.stream()
                .filter(line -> line.path("message").asText().contains(eventId)).toList();
        assertThat(aboutTheEvent).as("the alert engine logs the alerts the event raised").isNotEmpty();
        assertThat(aboutTheEvent).allSatisfy(line -> {
            assertThat(line.path(LogFields.EVENT_ID).asText()).isEqualTo(eventId);
            assertThat(line.path(LogFields.VENDOR).asText()).isEqualTo("verkada");
        });
        List<JsonNode> aboutTheDelivery = lines.stream()
                .filter(line -> line.path("message").asText().contains("alert " + alertId + " delivered")).toList();
        assertThat(aboutTheDelivery).singleElement().satisfies(line -> {
            assertThat(line.path(LogFields.ALERT_ID).asText()).isEqualTo(alertId);
            assertThat(line.path(LogFields.CHANNEL).asText()).isEqualTo("slack:webhook");
            assertThat(line.path(LogFields.EVENT_ID).asText()).isEqualTo(eventId);
            assertThat(line.path(LogFields.VENDOR).asText()).isEqualTo("verkada");
        });
        assertThat(lines).filteredOn(line -> line.path("message").asText().contains("invalid_signature"))
                .singleElement().satisfies(line -> {
                    assertThat(line.path(LogFields.VENDOR).asText()).isEqualTo("verkada");
                    assertThat(line.has(LogFields.EVENT_ID)).isFalse();
                });

        assertThat(output.getAll()).doesNotContain(email, phone, pin, "ada." + marker, SignedWebhooks.VERKADA_SECRET,
                SignedWebhooks.SEAM_SECRET, SignedWebhooks.TEDEE_TOKEN, SignedWebhooks.API_TOKEN);
    }

    private static List<JsonNode> jsonLines(String out) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON log line: " + line, e);
                }
            }
        }
        assertThat(lines).as("JSON log lines").isNotEmpty();
        return lines;
    }
}
