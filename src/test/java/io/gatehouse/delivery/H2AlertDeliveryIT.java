package io.gatehouse.delivery;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Alert delivery on the default database, H2. */
class H2AlertDeliveryIT extends AlertDeliveryContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        peers(registry);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-alerts;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
