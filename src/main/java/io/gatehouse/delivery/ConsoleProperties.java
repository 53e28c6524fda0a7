package io.gatehouse.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where operators open Gatehouse's console ({@code gatehouse.console.*}); the default, none, is written in
 * application.yaml.
 *
 * @param baseUrl the console's address as operators reach it, e.g. https://gatehouse.example.com; when set, Teams
 *                cards, PagerDuty incidents and outbound webhooks link to the alert's event there (/#event=&lt;id&gt;)
 */
@ConfigurationProperties("gatehouse.console")
public record ConsoleProperties(String baseUrl) {

    /** The console's page of the event; null when no base URL is set. */
    public String eventLink(String eventId) {
        if (baseUrl == null || baseUrl.isBlank() || eventId == null) {
            return null;
        }
        return baseUrl.trim().replaceAll("/+$", "") + "/#event="
                + java.net.URLEncoder.encode(eventId, java.nio.charset.StandardCharsets.UTF_8);
    }
}
