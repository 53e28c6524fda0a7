package io.gatehouse.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** Paging 100 000 events on PostgreSQL. */
class PostgresEventPagingIT extends EventPagingContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry);
    }

    @Override
    String database() {
        return "PostgreSQL";
    }

    @Override
    void analyze() {
        jdbc.execute("analyze access_event");
    }
}
