package io.gatehouse.delivery;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Channels;
import io.gatehouse.alerting.RuleBook;
import io.gatehouse.alerting.RulesProperties;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.event.AccessEventBuilder;
import io.gatehouse.event.EventType;
import io.gatehouse.event.Ref;

/** An alert, the rules in force and Jackson, for the unit tests of the channels' message builders. */
final class ChannelTestSupport {

    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private ChannelTestSupport() {
    }

    /** Rules in force with no rule (so no rule zone) and the given channels. */
    static ActiveRules rules(RulesProperties.Channels channels) {
        ActiveRules rules = mock(ActiveRules.class);
        when(rules.current()).thenReturn(new RuleBook(List.of(), Channels.from(channels)));
        return rules;
    }

    static RulesProperties.Channels channels(Map<String, RulesProperties.TeamsChannel> teams,
                                             Map<String, RulesProperties.PagerDutyChannel> pagerduty,
                                             Map<String, RulesProperties.WebhookChannel> webhook) {
        return new RulesProperties.Channels(Map.of(), Map.of(), Map.of(), teams, pagerduty, webhook);
    }

    static AccessEvent forcedOpen(String id, String door) {
        return new AccessEventBuilder(id, "verkada", Instant.parse("2025-03-04T13:30:00Z"))
                .type(EventType.DOOR_FORCED_OPEN).occurredAt(Instant.parse("2025-03-04T13:30:00Z"))
                .door(Ref.of("door-1", door)).site(Ref.of("hq", "HQ Berlin"))
                .vendorEvent("v-1", "door_forced_open").actor(Ref.actor("u1", "Jane Doe", "jane@example.com")).build();
    }

    static AlertView alert(String severity, AccessEvent... events) {
        return new AlertView("alert-1", "door-forced-open", severity, "door:door-1", 0,
                Instant.parse("2025-03-04T13:30:01Z"), List.of(events), List.of(), null);
    }
}
