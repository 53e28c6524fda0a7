package io.gatehouse.unifi;

import org.springframework.test.context.TestPropertySource;

/** UniFi Access webhooks on the default database, H2 (in PostgreSQL mode, as in production use). */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:gatehouse-unifi;MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class H2UnifiWebhooksIT extends UnifiWebhooksContract {
}
