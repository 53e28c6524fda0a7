package io.gatehouse.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the bearer-token check in front of everything under /api, and the security headers on every answer. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.addUrlPatterns("/*");
        // first, so that an answer given by a later filter (a 401, a 413) has them too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiToken token) {
        var registration = new FilterRegistrationBean<>(new ApiTokenFilter(token));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
