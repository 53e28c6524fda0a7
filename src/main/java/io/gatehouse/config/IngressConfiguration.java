package io.gatehouse.config;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.gatehouse.ingress.RawWebhookBodyFilter;

/** Wiring that the webhook ingress needs outside Camel. */
@Configuration(proxyBeanMethods = false)
public class IngressConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<RawWebhookBodyFilter> rawWebhookBodyFilter(GatehouseProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new RawWebhookBodyFilter(properties.ingress().maxBodySize().toBytes()));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
