package io.gatehouse.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.gatehouse.GatehouseApplication;
import io.gatehouse.support.Fixtures;
import io.gatehouse.support.GatehouseProcess;
import io.gatehouse.support.SignedWebhooks;

/**
 * Gatehouse on a PostgreSQL server of its own that is stopped and started again under it: while the database is
 * away the instance is not ready and vendors are told to retry (503), it stays alive, and it takes webhooks again
 * as soon as the database is back, without a restart.
 */
class DatabaseOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    Path dataDirectory;
    int databasePort = GatehouseProcess.freePort();
    EmbeddedPostgres database;
    ConfigurableApplicationContext gatehouse;

    @AfterEach
    void stop() throws IOException {
        if (gatehouse != null) {
            gatehouse.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void isNotReadyAndAsksVendorsToRetryWhileTheDatabaseIsAwayAndRecoversWhenItIsBack() throws Exception {
        dataDirectory = Files.createTempDirectory("gatehouse-outage-pg");
        startDatabase();
        gatehouse = new SpringApplicationBuilder(GatehouseApplication.class).run(
                "--server.port=0",
                "--camel.main.jmx-enabled=false",
                "--gatehouse.vendors.verkada.secret=" + SignedWebhooks.VERKADA_SECRET,
                "--gatehouse.api.token=" + SignedWebhooks.API_TOKEN,
                "--gatehouse.rules-watch-interval=0",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.hikari.connection-timeout=1000");
        SignedWebhooks sender = new SignedWebhooks(((WebServerApplicationContext) gatehouse).getWebServer().getPort());
        assertThat(sender.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(sender.verkada(forcedOpen("before")).statusCode()).isEqualTo(202);

        database.close();
        database = null;

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sender.get("/actuator/health/readiness", null).statusCode()).isEqualTo(503));
        assertThat(sender.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        String duringOutage = forcedOpen("during");
        HttpResponse<String> refused = sender.verkada(duringOutage);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("storage_unavailable");

        startDatabase();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sender.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200));
        // the vendor's retry of the refused webhook (signed anew, as Verkada does) is taken and processed
        HttpResponse<String> retried = sender.verkada(duringOutage);
        assertThat(retried.statusCode()).isEqualTo(202);
        String eventId = JSON.readTree(retried.body()).get("eventId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode event = JSON.readTree(sender.get("/api/events/" + eventId, SignedWebhooks.API_TOKEN).body());
            assertThat(event.path("type").asText()).isEqualTo("door.forced_open");
            assertThat(event.path("door").path("id").asText()).isEqualTo("outage-door-during");
        });
    }

    private void startDatabase() throws IOException {
        database = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(databasePort).start();
    }

    private static String forcedOpen(String door) {
        return Fixtures.verkadaForcedOpen("outage-door-" + door);
    }
}
