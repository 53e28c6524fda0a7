package io.gatehouse.delivery;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** Teams, PagerDuty and signed-webhook channels on PostgreSQL. */
class PostgresChannelsIT extends ChannelsContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        peer(registry);
        EmbeddedPostgresDatabase.register(registry);
    }
}
