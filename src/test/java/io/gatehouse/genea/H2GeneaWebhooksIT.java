package io.gatehouse.genea;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Genea's webhooks on the default database, H2. */
class H2GeneaWebhooksIT extends GeneaWebhooksContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        peers(registry);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-genea;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
