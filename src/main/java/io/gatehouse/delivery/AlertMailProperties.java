package io.gatehouse.delivery;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Alert emails ({@code gatehouse.mail.*}); the default is written in application.yaml. The SMTP server is Spring
 * Boot's {@code spring.mail.*}.
 *
 * @param from the From of alert emails
 */
@Validated
@ConfigurationProperties("gatehouse.mail")
public record AlertMailProperties(@NotBlank String from) {
}
