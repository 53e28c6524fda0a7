package io.gatehouse.delivery;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * PagerDuty's Events API ({@code gatehouse.pagerduty.*}); the default is written in application.yaml. The routing
 * keys are per channel, under gatehouse.channels.pagerduty.
 *
 * @param baseUrl where the Events API v2 is served: events are POSTed to this URL followed by /v2/enqueue
 *                (https://events.eu.pagerduty.com for an account in PagerDuty's EU region)
 */
@Validated
@ConfigurationProperties("gatehouse.pagerduty")
public record PagerDutyProperties(@NotBlank String baseUrl) {
}
