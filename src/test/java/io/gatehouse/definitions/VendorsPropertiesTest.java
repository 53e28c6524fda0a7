package io.gatehouse.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** gatehouse.vendors is a map of any vendor defined, bound from configuration or the environment. */
class VendorsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(VendorsProperties.class)
    @Import(PlainValueUnderVendors.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void bindsSeveralSecretsForRotationAndVerifiesByDefault() {
        context.withPropertyValues("gatehouse.vendors.kisi.secret=old-secret, new-secret",
                "gatehouse.vendors.kisi.timestamp-tolerance=2m").run(started -> {
            VendorsProperties.VendorSettings kisi = started.getBean(VendorsProperties.class).of("kisi");
            assertThat(kisi.secret()).containsExactly("old-secret", "new-secret");
            assertThat(kisi.verifies()).isTrue();
            assertThat(kisi.timestampTolerance()).isEqualTo(Duration.ofMinutes(2));
        });
    }

    @Test
    void bindsTheSecretOfAnyVendorFromTheEnvironment() {
        context.withInitializer(started -> started.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "GATEHOUSE_VENDORS_ACME_SECRET", "acme-secret",
                        "GATEHOUSE_VENDORS_DIR", "/etc/gatehouse/vendors")))).run(started -> {
            VendorsProperties vendors = started.getBean(VendorsProperties.class);
            assertThat(vendors.of("acme").secret()).containsExactly("acme-secret");
            assertThat(vendors.vendorsDir()).isEqualTo(Path.of("/etc/gatehouse/vendors"));
            assertThat(vendors.vendors()).containsOnlyKeys("acme");   // not "dir", which the variable also reads as
        });
    }

    @Test
    void aVendorWithoutSettingsIsVerifiedAndHasNoSecret() {
        context.run(started -> {
            VendorsProperties.VendorSettings none = started.getBean(VendorsProperties.class).of("nuki");
            assertThat(none.verifies()).isTrue();
            assertThat(none.secret()).isEqualTo(List.of());
        });
    }
}
