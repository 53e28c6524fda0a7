package io.gatehouse.delivery;

import static io.gatehouse.delivery.ChannelTestSupport.JSON;
import static io.gatehouse.delivery.ChannelTestSupport.alert;
import static io.gatehouse.delivery.ChannelTestSupport.channels;
import static io.gatehouse.delivery.ChannelTestSupport.forcedOpen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.gatehouse.alerting.RulesProperties.TeamsChannel;
import io.gatehouse.event.AccessEvent;
import io.gatehouse.support.AdaptiveCard;

/** The Teams message of an alert ({@link TeamsMessages}) and the escaping of vendor text in it ({@link TeamsText}). */
class TeamsMessagesTest {

    final TeamsText teams = new TeamsText(new PlainTextField());

    TeamsMessages messages(String consoleBaseUrl) {
        var rules = ChannelTestSupport.rules(channels(Map.of("soc", new TeamsChannel("https://teams.example/wf")),
                Map.of(), Map.of()));
        return new TeamsMessages(new AlertText(rules), rules, teams, new ConsoleProperties(consoleBaseUrl), JSON);
    }

    @Test
    void attachesOneAdaptiveCardWithTheTitleInItsSeveritysColourAndAFactSetPerEvent() throws Exception {
        JsonNode message = messages("https://gatehouse.example.com").message(
                alert("critical", forcedOpen("e1", "Front Door")));

        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("attachments")).hasSize(1);
        assertThat(message.at("/attachments/0/contentType").asText())
                .isEqualTo("application/vnd.microsoft.card.adaptive");
        AdaptiveCard card = AdaptiveCard.parse(message.at("/attachments/0/content"));
        AdaptiveCard.TextBlock title = (AdaptiveCard.TextBlock) card.body().get(0);
        assertThat(title.text()).isEqualTo("[CRITICAL] Door forced open — Front Door, HQ Berlin");
        assertThat(title.color()).isEqualTo(AdaptiveCard.Colour.Attention);
        AdaptiveCard.FactSet facts = (AdaptiveCard.FactSet) card.body().get(2);
        assertThat(facts.facts()).extracting(AdaptiveCard.Fact::title)
                .containsExactly("When", "What", "Door", "Site", "Who", "Vendor", "Event");
        assertThat(facts.facts()).contains(new AdaptiveCard.Fact("Door", "Front Door (door-1)"),
                new AdaptiveCard.Fact("Who", "Jane Doe (u1)"), new AdaptiveCard.Fact("Event", "e1"));
        assertThat(message.toString()).doesNotContain("jane@example.com");
        assertThat(card.actions()).containsExactly(
                new AdaptiveCard.OpenUrl("Open in Gatehouse", "https://gatehouse.example.com/#event=e1"));
    }

    @Test
    void hasNoButtonWithoutAConsoleAddressAndShowsTheLastTenEventsOfALargeAlert() throws Exception {
        List<AccessEvent> events = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            events.add(forcedOpen("e" + i, "Door " + i));
        }

        AdaptiveCard card = AdaptiveCard.parse(messages("").card(alert("warning", events.toArray(new AccessEvent[0]))));

        assertThat(card.actions()).isNull();
        assertThat(((AdaptiveCard.TextBlock) card.body().get(0)).color()).isEqualTo(AdaptiveCard.Colour.Warning);
        List<AdaptiveCard.FactSet> sets = card.body().stream().filter(AdaptiveCard.FactSet.class::isInstance)
                .map(AdaptiveCard.FactSet.class::cast).toList();
        assertThat(sets).hasSize(10);
        assertThat(sets.get(0).facts()).contains(new AdaptiveCard.Fact("Event", "e3"));
    }

    @Test
    void swapsWhatTeamsReadsAsFormattingLinksOrMentionsForLookAlikes() {
        assertThat(teams.escape("<at>Everyone</at> **bold** _it_ ~x~ `c` [a](b)"))
                .isEqualTo("＜at＞Everyone＜/at＞ ∗∗bold∗∗ ＿it＿ ∼x∼ ˋcˋ ［a］(b)");
        assertThat(teams.escape("- item")).isEqualTo("‐ item");
        assertThat(teams.escape("+ item")).isEqualTo("＋ item");
        assertThat(teams.escape("12. item")).isEqualTo("12․ item");
        assertThat(teams.escape("Door 1.2 - east")).isEqualTo("Door 1.2 - east");
        // defanged by PlainTextField, then its brackets swapped too
        assertThat(teams.escape("line\r\nbreak https://evil.example")).isEqualTo("line break https［:］//evil［.］example");
        assertThat(teams.escape(null)).isNull();
    }
}
