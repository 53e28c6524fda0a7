package io.gatehouse.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseIntegrationTest;
import io.gatehouse.support.SignedWebhooks;
import io.gatehouse.support.SlackStub;

/**
 * An alert goes out as soon as it is committed, not at the delivery queue's next poll: with a poll interval of an
 * hour (the first poll also an hour after start), only the wake-up from the dispatch route can send it in time.
 */
@GatehouseIntegrationTest
@TestPropertySource(properties = {
        "spring.config.additional-location=classpath:/alerting-test.yaml",
        "gatehouse.delivery.poll-interval=3600000"})
class DeliveryWakeUpIT {

    @RegisterExtension
    static final SlackStub SLACK = new SlackStub();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("test.slack.port", SLACK::port);
        registry.add("test.smtp.port", () -> 1);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-wake-up;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;

    @Test
    void sendsAnAlertToSlackRightAfterItIsCommittedWithoutWaitingForThePoll() {
        String door = "WakeUpDoor" + UUID.randomUUID().toString().substring(0, 8);
        SLACK.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")));
        ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
        ObjectNode data = (ObjectNode) webhook.get("data");
        data.put("notification_type", "door_held_open").put("door_id", door)
                .put("created", Instant.now().getEpochSecond());
        ((ObjectNode) data.get("door_info")).put("name", door);

        HttpResponse<String> response = new SignedWebhooks(port).verkada(Fixtures.json(webhook));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.findAll(postRequestedFor(
                urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing(door))).isEmpty());
    }
}
