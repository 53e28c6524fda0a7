package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The records hold no defaults (application.yaml does): a source whose verify flag is missing must stop start-up,
 * not bind as false and accept unsigned webhooks.
 */
class VendorsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(VendorsProperties.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Binding.class)
            .withPropertyValues("gatehouse.vendors.seam.timestamp-tolerance=5m",
                    "gatehouse.vendors.verkada.verify=true", "gatehouse.vendors.verkada.timestamp-tolerance=5m",
                    "gatehouse.vendors.tedee.verify=true");

    @Test
    void refusesToStartWhenAVerifyFlagIsMissing() {
        context.run(started -> assertThat(started).hasFailed().getFailure()
                .rootCause().hasMessageContaining("gatehouse.vendors.seam.verify"));
    }

    @Test
    void bindsTheFlagsAsWritten() {
        context.withPropertyValues("gatehouse.vendors.seam.verify=false").run(started -> {
            VendorsProperties vendors = started.getBean(VendorsProperties.class);
            assertThat(vendors.seam().verify()).isFalse();
            assertThat(vendors.verkada().verify()).isTrue();
            assertThat(vendors.tedee().verify()).isTrue();
        });
    }
}
