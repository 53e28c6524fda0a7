package io.gatehouse.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;

import io.gatehouse.GatehouseApplication;

/**
 * The whole application on a random port, with the test secrets of {@link SignedWebhooks}, as the integration
 * tests talk to it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@CamelSpringBootTest
@SpringBootTest(classes = GatehouseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "gatehouse.vendors.seam.secret=" + SignedWebhooks.SEAM_SECRET,
                "gatehouse.vendors.verkada.secret=" + SignedWebhooks.VERKADA_SECRET,
                "gatehouse.vendors.tedee.secret=" + SignedWebhooks.TEDEE_TOKEN,
                "gatehouse.api.token=" + SignedWebhooks.API_TOKEN})
public @interface GatehouseIntegrationTest {
}
