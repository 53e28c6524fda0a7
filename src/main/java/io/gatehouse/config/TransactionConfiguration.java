package io.gatehouse.config;

import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transaction policy that routes name with {@code transacted: { ref: PROPAGATION_REQUIRED }}: the route's
 * database work (camel-sql and the beans' JdbcTemplate alike) commits once at the end of the route, or not at all.
 */
@Configuration(proxyBeanMethods = false)
public class TransactionConfiguration {

    @Bean(name = "PROPAGATION_REQUIRED")
    SpringTransactionPolicy propagationRequired(PlatformTransactionManager transactionManager) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactionManager);
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }
}
