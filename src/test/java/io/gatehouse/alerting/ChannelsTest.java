package io.gatehouse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.RulesProperties.PagerDutyChannel;
import io.gatehouse.alerting.RulesProperties.TeamsChannel;
import io.gatehouse.alerting.RulesProperties.WebhookChannel;

/** The Teams, PagerDuty and webhook channels as configured under gatehouse.channels ({@link Channels#from}). */
class ChannelsTest {

    static Channels channels(Map<String, TeamsChannel> teams, Map<String, PagerDutyChannel> pagerduty,
                             Map<String, WebhookChannel> webhook) {
        return Channels.from(new RulesProperties.Channels(Map.of(), Map.of(), Map.of(), teams, pagerduty, webhook));
    }

    @Test
    void namesEachChannelByKindAndCountsOnesLeftEmptyAsUnconfigured() {
        Channels channels = channels(
                Map.of("soc", new TeamsChannel(" https://x.logic.azure.com/workflows/1 "),
                        "later", new TeamsChannel("")),
                Map.of("oncall", new PagerDutyChannel("R0UT1NGKEY0000000000000000000001"),
                        "unset", new PagerDutyChannel(null)),
                Map.of("siem", new WebhookChannel("https://siem.example/hook",
                                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                        "off", new WebhookChannel(null, null)));

        assertThat(channels.names()).containsExactly("pagerduty:oncall", "pagerduty:unset", "teams:later", "teams:soc",
                "webhook:off", "webhook:siem");
        assertThat(channels.unconfigured()).containsExactly("pagerduty:unset", "teams:later", "webhook:off");
        assertThat(channels.teams().get("teams:soc").webhookUrl()).isEqualTo("https://x.logic.azure.com/workflows/1");
        assertThat(channels.webhook().get("webhook:siem").signingKey()).hasSize(24);
    }

    @Test
    void refusesATeamsUrlThatIsNotHttp() {
        assertThatThrownBy(() -> channels(Map.of("soc", new TeamsChannel("ftp://teams")), Map.of(), Map.of()))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessage("gatehouse.channels.teams.soc.webhook-url must be an https:// URL");
    }

    @Test
    void refusesARoutingKeyThatIsNotOne() {
        assertThatThrownBy(() -> channels(Map.of(), Map.of("oncall", new PagerDutyChannel("key with spaces")),
                Map.of()))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessageStartingWith("gatehouse.channels.pagerduty.oncall.routing-key is not an Events API v2 "
                        + "integration key");
    }

    @Test
    void refusesAWebhookWithoutAStandardWebhooksSecretOrWithoutAUrl() {
        for (String secret : new String[] {null, "secret", "whsec_short", "whsec_not base64!"}) {
            assertThatThrownBy(() -> channels(Map.of(), Map.of(),
                    Map.of("siem", new WebhookChannel("https://siem.example/hook", secret))))
                    .isInstanceOf(RuleConfigurationException.class)
                    .hasMessageStartingWith("gatehouse.channels.webhook.siem.secret must be whsec_ followed by a "
                            + "base64 key");
        }
        assertThatThrownBy(() -> channels(Map.of(), Map.of(),
                Map.of("siem", new WebhookChannel(null, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))))
                .isInstanceOf(RuleConfigurationException.class)
                .hasMessageStartingWith("gatehouse.channels.webhook.siem.url is missing");
    }
}
