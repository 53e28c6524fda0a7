package io.gatehouse.nuki;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** Nuki's webhooks on PostgreSQL. */
class PostgresNukiWebhooksIT extends NukiWebhooksContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        peers(registry);
        EmbeddedPostgresDatabase.register(registry);
    }
}
