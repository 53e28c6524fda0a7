package io.gatehouse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.RulesProperties.Match;
import io.gatehouse.alerting.RulesProperties.RuleDefinition;
import io.gatehouse.alerting.RulesProperties.Threshold;
import io.gatehouse.alerting.RulesProperties.Window;
import io.gatehouse.event.Severity;

class RuleCompilerTest {

    static RuleDefinition valid() {
        RuleDefinition rule = new RuleDefinition();
        rule.setName("repeated-denials");
        rule.setMatch(RuleMatchingTest.types("access.denied"));
        rule.setNotify(List.of("slack:security"));
        return rule;
    }

    static Match window(Window outsideHours) {
        return new Match(List.of("lock.unlocked"), null, null, null, null, null, null, null, outsideHours, null);
    }

    static Arguments mistake(String expected, Consumer<RuleDefinition> change) {
        return Arguments.of(expected, change);
    }

    static List<Arguments> mistakes() {
        return List.of(
                mistake("match.types 'door.exploded' is not a canonical event type",
                        r -> r.setMatch(RuleMatchingTest.types("door.exploded"))),
                mistake("match.types 'foo.*'", r -> r.setMatch(RuleMatchingTest.types("foo.*"))),
                mistake("match.vendors 'acme' is not a vendor", r -> r.setMatch(new Match(null, List.of("acme"),
                        null, null, null, null, null, null, null, null))),
                mistake("match.methods 'telepathy'", r -> r.setMatch(new Match(null, null, null, null, null, null,
                        List.of("telepathy"), null, null, null))),
                mistake("match.min-severity", r -> r.setMatch(new Match(null, null, "urgent", null, null, null, null,
                        null, null, null))),
                mistake("severity", r -> r.setSeverity("urgent")),
                mistake("threshold.count must be 2 or more", r -> r.setThreshold(new Threshold(1, "2m", null))),
                mistake("threshold.within must be a duration like 2m", r -> r.setThreshold(
                        new Threshold(3, "two minutes", null))),
                mistake("threshold.within must be longer than zero", r -> r.setThreshold(new Threshold(3, "0s", null))),
                mistake("threshold.group-by 'floor'", r -> r.setThreshold(new Threshold(3, "2m", "floor"))),
                mistake("throttle must be a duration", r -> r.setThrottle("soon")),
                mistake("notify is empty", r -> r.setNotify(List.of())),
                mistake("notify 'slack:nowhere' is not a configured channel; configured: email:soc, slack:security",
                        r -> r.setNotify(List.of("slack:nowhere"))),
                mistake("match.outside-hours.zone 'Mars/Olympus'", r -> r.setMatch(window(
                        new Window("Mars/Olympus", "MON-FRI", "07:00", "19:00")))),
                mistake("match.outside-hours.from '25:00'", r -> r.setMatch(window(
                        new Window("UTC", "MON-FRI", "25:00", "19:00")))),
                mistake("match.outside-hours from and to are equal", r -> r.setMatch(window(
                        new Window("UTC", "MON-FRI", "07:00", "07:00")))),
                mistake("match.outside-hours.days 'FUNDAY' is not a day", r -> r.setMatch(window(
                        new Window("UTC", "FUNDAY", "07:00", "19:00")))),
                mistake("match is missing", r -> r.setMatch(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void refusesARuleThatCannotWorkNamingTheRuleAndTheField(String expected, Consumer<RuleDefinition> change) {
        RuleDefinition rule = valid();
        change.accept(rule);

        assertThatThrownBy(() -> RuleMatchingTest.COMPILER.compile(List.of(rule)))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessageStartingWith("rule 'repeated-denials': ")
                .hasMessageContaining(expected);
    }

    @Test
    void refusesRulesWithoutANameOrWithTheSameName() {
        RuleDefinition unnamed = valid();
        unnamed.setName(" ");

        assertThatThrownBy(() -> RuleMatchingTest.COMPILER.compile(List.of(unnamed)))
                .hasMessageContaining("rule #1: name is missing");
        assertThatThrownBy(() -> RuleMatchingTest.COMPILER.compile(List.of(valid(), valid())))
                .hasMessageContaining("rule 'repeated-denials': name is used by another rule");
    }

    @Test
    void compilesAValidRuleAndLeavesDisabledRulesOut() {
        RuleDefinition rule = valid();
        rule.setSeverity("critical");
        rule.setThreshold(new Threshold(3, "2m", "actor"));
        rule.setThrottle("10m");
        RuleDefinition disabled = valid();
        disabled.setName("off");
        disabled.setEnabled(false);

        List<Rule> rules = RuleMatchingTest.COMPILER.compile(List.of(rule, disabled));

        assertThat(rules).hasSize(1);
        Rule compiled = rules.get(0);
        assertThat(compiled.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(compiled.threshold()).isEqualTo(new Rule.Threshold(3, Duration.ofMinutes(2)));
        assertThat(compiled.throttle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(compiled.groupBy()).isEqualTo(GroupBy.ACTOR);
        // no time window, so no zone of its own: alerts show each event's time in its site's zone, else UTC
        assertThat(compiled.zone()).isNull();
        assertThat(compiled.channels()).containsExactly("slack:security");
    }

    // --- resolve-on ------------------------------------------------------------------------------------------

    static final RuleCompiler PAGING = new RuleCompiler(java.util.Set.of("verkada"),
            java.util.Set.of("slack:security", "pagerduty:oncall"));

    static RuleDefinition heldOpen(String... resolveOn) {
        RuleDefinition rule = new RuleDefinition();
        rule.setName("door-held-open");
        rule.setMatch(RuleMatchingTest.types("door.held_open"));
        rule.setNotify(List.of("slack:security", "pagerduty:oncall"));
        rule.setResolveOn(List.of(resolveOn));
        return rule;
    }

    @Test
    void compilesResolveOnIntoTheTypesThatClearTheRulesConditionAndThePagerDutyChannelsToTell() {
        Rule rule = PAGING.compile(List.of(heldOpen("door.closed"))).get(0);

        assertThat(rule.clearedBy(RuleMatchingTest.event(io.gatehouse.event.EventType.DOOR_CLOSED).build())).isTrue();
        assertThat(rule.clearedBy(RuleMatchingTest.event(io.gatehouse.event.EventType.DOOR_OPENED).build())).isFalse();
        assertThat(rule.clearedBy(RuleMatchingTest.event(io.gatehouse.event.EventType.DOOR_HELD_OPEN).build()))
                .isFalse();
        assertThat(rule.resolvingChannels()).containsExactly("pagerduty:oncall");
    }

    @Test
    void compilesAFamilyInResolveOnAndNoResolveOnAsNothingClearing() {
        RuleDefinition lockdown = heldOpen("lockdown.ended");
        lockdown.setMatch(RuleMatchingTest.types("lockdown.started"));
        RuleDefinition plain = valid();

        List<Rule> rules = PAGING.compile(List.of(lockdown, plain));

        assertThat(rules.get(0).clearedBy(RuleMatchingTest.event(io.gatehouse.event.EventType.LOCKDOWN_ENDED).build()))
                .isTrue();
        assertThat(rules.get(1).resolveOn()).isEmpty();
        assertThat(rules.get(1).clearedBy(RuleMatchingTest.event(io.gatehouse.event.EventType.DOOR_CLOSED).build()))
                .isFalse();
    }

    @Test
    void refusesAResolveOnTypeThatIsNotCanonical() {
        assertThatThrownBy(() -> PAGING.compile(List.of(heldOpen("door.shut"))))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessageStartingWith("rule 'door-held-open': resolve-on 'door.shut' is not a canonical event type");
    }

    @Test
    void refusesResolveOnWhenTheRuleNotifiesNoPagerDutyChannel() {
        RuleDefinition rule = heldOpen("door.closed");
        rule.setNotify(List.of("slack:security"));

        assertThatThrownBy(() -> PAGING.compile(List.of(rule)))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessageContaining("resolve-on resolves PagerDuty incidents, but the rule notifies no pagerduty:");
    }

    @Test
    void refusesAResolveOnTypeTheRulesOwnMatchTakes() {
        RuleDefinition family = heldOpen("door.*");
        RuleDefinition everything = heldOpen("door.closed");
        everything.setName("every-event");
        everything.setMatch(new Match(null, null, "warning", null, null, null, null, null, null, null));

        assertThatThrownBy(() -> PAGING.compile(List.of(family)))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessageContaining("resolve-on 'door.held_open' can also be matched by the rule's match");
        assertThatThrownBy(() -> PAGING.compile(List.of(everything)))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessageContaining("resolve-on 'door.closed' can also be matched by the rule's match");
    }
}
