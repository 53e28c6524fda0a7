package io.gatehouse.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import io.gatehouse.telemetry.GatehouseMetrics;

class NormalizationFailuresTest {

    final NormalizationFailures failures = new NormalizationFailures(
            new GatehouseMetrics(new SimpleMeterRegistry(), Clock.systemUTC(), null));

    @Test
    void aBusyOrUnreachableDatabaseIsTransientWhereverItIsInTheCauseChain() {
        assertThat(failures.isTransient(failedWith(new CannotAcquireLockException("40001",
                new SQLException("could not serialize access", "40001"))))).isTrue();
        assertThat(failures.isTransient(failedWith(new IllegalStateException("wrapped by Camel",
                new CannotGetJdbcConnectionException("pool timeout"))))).isTrue();
    }

    @Test
    void anEventThatCannotBeStoredOrParsedIsNotTransient() {
        assertThat(failures.isTransient(failedWith(new DataIntegrityViolationException("value too long")))).isFalse();
        assertThat(failures.isTransient(failedWith(new IllegalArgumentException("no such field")))).isFalse();
        assertThat(failures.isTransient(new DefaultExchange(new DefaultCamelContext()))).isFalse();
    }

    @Test
    void recordsTheErrorForTheDatabaseCutToTheColumnSize() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(Map.of("id", "event-1"));
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalArgumentException("x".repeat(5000)));

        failures.record(exchange);

        Map<?, ?> row = exchange.getIn().getBody(Map.class);
        assertThat(row.get("id")).isEqualTo("event-1");
        assertThat((String) row.get("error")).startsWith("IllegalArgumentException: xxx")
                .hasSize(NormalizationFailures.MAX_ERROR_LENGTH);
    }

    private static Exchange failedWith(Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(failure);
        return exchange;
    }
}
