package io.gatehouse.sinks;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.gatehouse.alerting.RulesProperties.Match;

/**
 * The platforms every matching event is streamed to, under {@code gatehouse.sinks} (documented in application.yaml
 * and docs/operations.md). No target configured: no sink runs.
 *
 * @param pollInterval how often a sink with nothing to send looks for new events
 * @param batchSize    events per batch sent (one Kafka round trip, one HEC or CloudEvents request)
 * @param maxBackoff   the longest wait between two attempts of a sink whose platform refuses or is unreachable
 * @param maxAttempts  how often an event the platform refuses as such (malformed, too large) is sent alone before
 *                     it is parked, so that the events behind it go on (docs/operations.md#sinks)
 * @param targets      the sinks by name; each has exactly one of kafka, splunk-hec, cloudevents
 */
@Validated
@ConfigurationProperties("gatehouse.sinks")
public record SinksProperties(@NotNull Duration pollInterval,
                              @Min(1) @Max(5000) int batchSize,
                              @NotNull Duration maxBackoff,
                              @Min(1) int maxAttempts,
                              @Valid @DefaultValue Map<String, Target> targets) {

    /**
     * One sink.
     *
     * @param match the events it receives, in the rules' match language (docs/rules.md); none: every event
     * @param key   what a Kafka record's key is, so one consumer sees that thing's events in order: site, door, device
     * @param includePersonalData whether the events streamed carry the actor's name and email; by default they
     *                            carry the actor's id only, which the access system resolves for whoever may know
     */
    public record Target(Match match, @DefaultValue("door") String key,
                         @DefaultValue("false") boolean includePersonalData, @Valid Kafka kafka,
                         @Valid SplunkHec splunkHec, @Valid CloudEventsHttp cloudevents) {
    }

    /**
     * A Kafka topic; every event a CloudEvent in the Kafka binding's binary mode.
     *
     * @param properties Kafka producer properties as Kafka names them (security.protocol, sasl.mechanism,
     *                   sasl.jaas.config, ssl.truststore.location...): SASL and TLS settings go here
     */
    public record Kafka(String topic, String brokers, @DefaultValue Map<String, String> properties) {
    }

    /**
     * A Splunk HTTP Event Collector.
     *
     * @param url   the collector's base URL (https://splunk.example.com:8088); events go to /services/collector/event
     * @param token the HEC token, sent as {@code Authorization: Splunk <token>}
     * @param index the index; none: the token's default index
     * @param host  the events' host field
     */
    public record SplunkHec(String url, String token, String index, @DefaultValue("gatehouse") String host,
                            @DefaultValue("gatehouse:access_event") String sourcetype,
                            @DefaultValue("10s") Duration timeout) {
    }

    /**
     * Any collector that takes CloudEvents over HTTP, in batched mode ({@code application/cloudevents-batch+json}).
     *
     * @param authorization the Authorization header's value, if the collector wants one
     */
    public record CloudEventsHttp(String url, String authorization, @DefaultValue("10s") Duration timeout) {
    }
}
