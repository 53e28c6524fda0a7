package io.gatehouse.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlackTextTest {

    private final SlackText slack = new SlackText(new PlainTextField());

    /** Hostile vendor text, and what a Slack message carries of it. */
    static Object[][] hostile() {
        return new Object[][] {
                {"Front Door", "Front Door"},
                {"<!channel>", "&lt;!channel&gt;"},
                {"<!here|here> <!everyone>", "&lt;!here|here&gt; &lt;!everyone&gt;"},
                {"<@U0123ABC> <#C0123|general> <!subteam^S1>", "&lt;＠U0123ABC&gt; &lt;#C0123|general&gt; &lt;!subteam^S1&gt;"},
                {"@channel @here @everyone", "＠channel ＠here ＠everyone"},
                {"ping @alice", "ping ＠alice"},
                {"*bold* _italic_ ~strike~ `code`", "∗bold∗ ＿italic＿ ∼strike∼ ˋcodeˋ"},
                {"```block```", "ˋˋˋblockˋˋˋ"},
                {"> quoted", "&gt; quoted"},
                {"Tom & Jerry &amp; &lt;", "Tom &amp; Jerry &amp;amp; &amp;lt;"},
                {"<https://evil.example|Click me>", "&lt;https[:]//evil[.]example|Click me&gt;"},
                {"https://evil.example", "https[:]//evil[.]example"},
                {"<b>html</b><script>x</script>", "&lt;b&gt;html&lt;/b&gt;&lt;script&gt;x&lt;/script&gt;"},
                {"Door\r\n*Who*: forged", "Door ∗Who∗: forged"},
                {"\u202Eevil\u2066", "evil"},
                {"door_1 lock_2", "door＿1 lock＿2"},
                {":rotating_light: emoji", ":rotating＿light: emoji"},
        };
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("hostile")
    void neutralisesMentionsFormattingMarkupAndLinks(String sent, String shown) {
        assertThat(slack.escape(sent)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("hostile")
    void leavesNoCharacterSlackActsOn(String sent, String shown) {
        // after Slack's entities are taken out, none of its control or formatting characters is left
        String text = slack.escape(sent).replace("&amp;", "").replace("&lt;", "").replace("&gt;", "");
        assertThat(text).doesNotContain("<", ">", "*", "_", "~", "`", "@", "://", "\r", "\n", "\u202E");
    }

    @org.junit.jupiter.api.Test
    void leavesNullAlone() {
        assertThat(slack.escape(null)).isNull();
    }
}
