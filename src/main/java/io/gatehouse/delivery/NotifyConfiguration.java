package io.gatehouse.delivery;

import jakarta.mail.Session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the notify routes refer to by name. */
@Configuration(proxyBeanMethods = false)
public class NotifyConfiguration {

    @Bean
    Session gatehouseMailSession(EmailMessages messages) {
        return messages.session();
    }
}
