package io.gatehouse.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;

/**
 * A fresh clone's configuration: the shipped channels with no target, and an SMTP server that is not there. Gatehouse
 * sends neither email nor Slack messages, so neither is a reason for /actuator/health to say DOWN.
 */
@GatehouseIntegrationTest
class UnusedPeersHealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        int nobodyListens = GatehouseProcess.freePort();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> nobodyListens);
        registry.add("gatehouse.channels.email.soc.to", () -> "");
        registry.add("gatehouse.channels.slack.security.webhook-url", () -> "");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-unused-peers;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    @Test
    void reportsNeitherAnUnusedSmtpServerNorAnUnusedSlackAsDown() throws Exception {
        var reply = new SignedWebhooks(port).get("/actuator/health", null);
        JsonNode health = JSON.readTree(reply.body());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mail/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/slack/status").asText()).isEqualTo("UP");
    }
}
