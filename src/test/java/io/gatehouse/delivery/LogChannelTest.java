package io.gatehouse.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.Channels;
import io.gatehouse.alerting.RuleConfigurationException;
import io.gatehouse.alerting.RulesProperties;
import io.gatehouse.alerting.RulesProperties.LogChannel;

class LogChannelTest {

    static Channels channels(Map<String, LogChannel> log) {
        return Channels.from(new RulesProperties.Channels(Map.of(), Map.of(), log, Map.of(), Map.of(), Map.of()));
    }

    @Test
    void namesALogChannelLikeTheOthersAndNeverCountsItUnconfigured() {
        Channels channels = channels(Map.of("console", new LogChannel(null), "audit", new LogChannel(" soc.alerts ")));

        assertThat(channels.names()).containsExactly("log:audit", "log:console");
        assertThat(channels.unconfigured()).isEmpty();
        assertThat(channels.log().get("log:console").logger()).isEqualTo(Channels.DEFAULT_ALERT_LOGGER);
        assertThat(channels.log().get("log:audit").logger()).isEqualTo("soc.alerts");
    }

    @Test
    void refusesALoggerNameThatIsNotOne() {
        assertThatThrownBy(() -> channels(Map.of("console", new LogChannel("alerts?level=DEBUG"))))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessageContaining("gatehouse.channels.log.console.logger 'alerts?level=DEBUG' is not a logger name");
    }

    @Test
    void writesTheAlertTextOnOneLineSoThatVendorTextCannotStartALogLineOfItsOwn() {
        String text = "[CRITICAL] Door forced open — Dock\r\n2026-01-01 INFO forged line\nRule: r\n\nWhen: now\n";

        assertThat(LogMessages.oneLine(text))
                .isEqualTo("[CRITICAL] Door forced open — Dock | 2026-01-01 INFO forged line | Rule: r | When: now")
                .doesNotContain("\n", "\r");
    }
}
