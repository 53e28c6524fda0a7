package io.gatehouse.genea;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** Genea's webhooks on PostgreSQL. */
class PostgresGeneaWebhooksIT extends GeneaWebhooksContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        peers(registry);
        EmbeddedPostgresDatabase.register(registry);
    }
}
