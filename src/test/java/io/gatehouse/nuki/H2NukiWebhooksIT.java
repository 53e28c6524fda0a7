package io.gatehouse.nuki;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Nuki's webhooks on the default database, H2. */
class H2NukiWebhooksIT extends NukiWebhooksContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        peers(registry);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-nuki;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
