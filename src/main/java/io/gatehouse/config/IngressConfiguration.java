package io.gatehouse.config;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.gatehouse.ingress.RawWebhookBodyFilter;
import io.gatehouse.ingress.WebhookReplies;
import io.gatehouse.vendor.VendorNormalizer;

/** Wiring that the webhook ingress needs outside Camel. */
@Configuration(proxyBeanMethods = false)
public class IngressConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FilterRegistrationBean<RawWebhookBodyFilter> rawWebhookBodyFilter(GatehouseProperties properties,
            List<VendorNormalizer> vendors, WebhookReplies replies) {
        var registration = new FilterRegistrationBean<>(new RawWebhookBodyFilter(
                properties.ingress().maxBodySize().toBytes(), properties.ingress().bodyReadTimeout(),
                vendors.stream().map(VendorNormalizer::vendor).collect(Collectors.toSet()), replies));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
