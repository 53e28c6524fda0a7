package io.gatehouse.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;

/**
 * An email channel with a recipient and a Slack channel with a webhook URL: their servers are checked, DOWN when
 * they cannot be reached; readiness stays about what webhooks need, the database.
 */
@GatehouseIntegrationTest
class ConfiguredPeersHealthIT {

    /** Fixed ports, so that each server can be stopped and started again where Gatehouse expects it. */
    static final GreenMail SMTP = new GreenMail(
            new ServerSetup(GatehouseProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final int SLACK_PORT = GatehouseProcess.freePort();
    static WireMockServer slack = new WireMockServer(WireMockConfiguration.options().port(SLACK_PORT));
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        SMTP.start();
        slack.start();
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("gatehouse.channels.email.soc.to", () -> "soc@example.com");
        registry.add("gatehouse.channels.slack.security.webhook-url",
                () -> "http://localhost:" + SLACK_PORT + "/services/T000/B000/health");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-configured-peers;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    SignedWebhooks http;

    @BeforeEach
    void peersUp() {
        http = new SignedWebhooks(port);
        if (!SMTP.isRunning()) {
            SMTP.start();
        }
        if (!slack.isRunning()) {
            slack = new WireMockServer(WireMockConfiguration.options().port(SLACK_PORT));
            slack.start();
        }
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

        slack.stop();
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
