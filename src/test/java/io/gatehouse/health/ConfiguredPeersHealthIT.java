package io.gatehouse.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;
import io.gatehouse.support.SmtpServer;

/**
 * An email channel with a recipient and a Slack channel with a webhook URL: their servers are checked, DOWN when
 * they cannot be reached; readiness stays about what webhooks need, the database.
 */
@GatehouseIntegrationTest
class ConfiguredPeersHealthIT {

    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();
    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("gatehouse.channels.email.soc.to", () -> "soc@example.com");
        registry.add("gatehouse.channels.slack.security.webhook-url",
                () -> SLACK.url("/services/T000/B000/health"));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-configured-peers;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    SignedWebhooks http;

    @BeforeEach
    void peersUp() {
        http = new SignedWebhooks(port);
    }

    @Test
    void reportsTheSmtpServerOfAnEmailChannelWithARecipientDownWhenItCannotBeReached() throws Exception {
        assertThat(component(expect(200), "mail")).isEqualTo("UP");

        SMTP.stop();
        try {
            assertThat(component(expect(503), "mail")).isEqualTo("DOWN");
            assertThat(component(expect(503), "slack")).isEqualTo("UP");
            assertReady();
        } finally {
            SMTP.start();
        }
    }

    @Test
    void reportsTheServerOfAConfiguredSlackChannelDownWhenItCannotBeReached() throws Exception {
        assertThat(component(expect(200), "slack")).isEqualTo("UP");

        SLACK.stop();
        assertThat(component(expect(503), "slack")).isEqualTo("DOWN");
        assertThat(component(expect(503), "mail")).isEqualTo("UP");
        assertReady();
    }

    private JsonNode expect(int status) throws Exception {
        HttpResponse<String> reply = http.get("/actuator/health", null);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        return JSON.readTree(reply.body());
    }

    private static String component(JsonNode health, String name) {
        return health.at("/components/" + name + "/status").asText();
    }

    private void assertReady() throws Exception {
        HttpResponse<String> readiness = http.get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).at("/components/slack").isMissingNode()).isTrue();
        assertThat(JSON.readTree(readiness.body()).at("/components/mail").isMissingNode()).isTrue();
    }
}
