package io.gatehouse.delivery;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Slack's server ({@code gatehouse.slack.*}); the default is written in application.yaml.
 *
 * @param serverUrl Slack's server, for bot tokens: chat.postMessage is called under this URL followed by /api/
 */
@Validated
@ConfigurationProperties("gatehouse.slack")
public record SlackProperties(@NotBlank String serverUrl) {
}
