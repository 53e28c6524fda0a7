package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoProfileGuardTest {

    @Test
    void acceptsTheEmbeddedH2Database() {
        assertThatCode(() -> DemoProfileGuard.requireEmbeddedH2(
                "jdbc:h2:file:./data/gatehouse-demo;MODE=PostgreSQL")).doesNotThrowAnyException();
        assertThatCode(() -> DemoProfileGuard.requireEmbeddedH2("JDBC:H2:mem:x")).doesNotThrowAnyException();
    }

    @Test
    void refusesAnyOtherDatabaseNamingOnlyItsKindAndTheFix() {
        assertThatThrownBy(() -> DemoProfileGuard.requireEmbeddedH2(
                "jdbc:postgresql://db.internal:5432/gatehouse?password=s3cret"))
                .hasMessageContaining("refuses to start with spring.datasource.url jdbc:postgresql:...")
                .hasMessageContaining("Remove 'demo' from spring.profiles.active")
                .hasMessageNotContaining("db.internal").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> DemoProfileGuard.requireEmbeddedH2(null)).hasMessageContaining("url (none)");
        assertThatThrownBy(() -> DemoProfileGuard.requireEmbeddedH2("postgres://u:p@host/db"))
                .hasMessageContaining("(not a jdbc: URL)").hasMessageNotContaining("u:p@host");
    }
}
