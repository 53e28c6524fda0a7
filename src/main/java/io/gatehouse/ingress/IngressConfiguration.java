package io.gatehouse.ingress;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.gatehouse.definitions.VendorCatalog;
import io.gatehouse.definitions.VendorDefinition;

/** Wiring that the webhook ingress needs outside Camel. */
@Configuration(proxyBeanMethods = false)
public class IngressConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<RawWebhookBodyFilter> rawWebhookBodyFilter(IngressProperties properties,
            VendorCatalog catalog, WebhookReplies replies) {
        var registration = new FilterRegistrationBean<>(new RawWebhookBodyFilter(
                properties.maxBodySize().toBytes(), properties.bodyReadTimeout(),
                catalog.all().stream().collect(Collectors.toMap(VendorDefinition::path, VendorDefinition::name)),
                replies));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    /**
     * Before the raw body is read: a webhook that no route can take yet (or any more) is answered 503 at once. The
     * Camel context is looked up at the first request, not here: filters are built before the other beans.
     */
    @Bean
    FilterRegistrationBean<WebhookAvailabilityFilter> webhookAvailabilityFilter(ObjectProvider<CamelContext> camel) {
        var registration = new FilterRegistrationBean<>(new WebhookAvailabilityFilter(() -> {
            try {
                CamelContext context = camel.getIfAvailable();
                return context != null && context.getStatus().isStarted();
            } catch (BeansException closing) {
                return false;
            }
        }));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 90);
        return registration;
    }
}
