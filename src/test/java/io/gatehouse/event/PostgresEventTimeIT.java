package io.gatehouse.event;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** Implausible vendor times on PostgreSQL, whose timestamps end in the year 294 276. */
class PostgresEventTimeIT extends EventTimeContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresDatabase.register(registry);
    }
}
