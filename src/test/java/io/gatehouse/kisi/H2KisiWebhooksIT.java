package io.gatehouse.kisi;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Kisi webhooks on the default database, H2 (in PostgreSQL mode, as in production use). */
class H2KisiWebhooksIT extends KisiWebhooksContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        slack(registry);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-kisi;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
