package io.gatehouse.delivery;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Teams, PagerDuty and signed-webhook channels on the default database, H2. */
class H2ChannelsIT extends ChannelsContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        peer(registry);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:gatehouse-channels;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
