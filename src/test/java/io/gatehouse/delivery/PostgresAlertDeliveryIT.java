package io.gatehouse.delivery;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.gatehouse.support.EmbeddedPostgresDatabase;

/** Alert delivery on PostgreSQL. */
class PostgresAlertDeliveryIT extends AlertDeliveryContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        peers(registry);
        EmbeddedPostgresDatabase.register(registry);
    }
}
