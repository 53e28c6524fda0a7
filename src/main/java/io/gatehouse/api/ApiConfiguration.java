package io.gatehouse.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the bearer-token check in front of everything under /api. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiToken token) {
        var registration = new FilterRegistrationBean<>(new ApiTokenFilter(token));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
