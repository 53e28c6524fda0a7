package io.gatehouse.event;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the canonical events ({@code gatehouse.events.*}); the defaults are written in application.yaml.
 *
 * @param severity        severity per canonical type, overriding the defaults listed in docs/rules.md, e.g.
 *                        "[door.held_open]": critical
 * @param batteryLowBelow a battery report below this percentage (0-100) is a device.battery_low event
 */
@Validated
@ConfigurationProperties("gatehouse.events")
public record EventsProperties(@DefaultValue Map<String, String> severity,
                               @NotNull @Min(0) @Max(100) Integer batteryLowBelow) {
}
