package io.gatehouse.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the read API, served at /v3/api-docs (springdoc, limited to /api/** in
 * application.yaml). Every operation needs the bearer token that {@link ApiTokenFilter} checks.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BEARER = "bearer-token";

    @Bean
    OpenAPI gatehouseOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Gatehouse read API")
                        .description("Stored access events, alerts and rules. Every request needs "
                                + "Authorization: Bearer <gatehouse.api.token>."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("gatehouse.api.token (GATEHOUSE_API_TOKEN)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
