package io.gatehouse.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelExchangeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Which failures refuse the events themselves (sent alone, then parked) and which are the platform's or its
 * configuration's (the events wait, however long).
 */
class SinkFailureTest {

    @Test
    void splunkRefusesAnEventItCannotTakeButNotForAWrongIndexOrWhenBusy() {
        assertThat(SinkHttp.hecRefuses(400, "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":0}"))
                .isTrue();
        assertThat(SinkHttp.hecRefuses(400, "{\"text\":\"Event field cannot be blank\",\"code\": 13}")).isTrue();
        assertThat(SinkHttp.hecRefuses(413, "")).isTrue();
        assertThat(SinkHttp.hecRefuses(400, "{\"text\":\"Incorrect index\",\"code\":7}")).isFalse();
        assertThat(SinkHttp.hecRefuses(400, "<html>Bad Request</html>")).isFalse();
        assertThat(SinkHttp.hecRefuses(403, "{\"text\":\"Invalid token\",\"code\":4}")).isFalse();
        assertThat(SinkHttp.hecRefuses(503, "{\"text\":\"Server is busy\",\"code\":9}")).isFalse();
    }

    @Test
    void aCloudEventsCollectorRefusesWithAClientErrorAboutTheBody() {
        assertThat(SinkHttp.collectorRefuses(400, "")).isTrue();
        assertThat(SinkHttp.collectorRefuses(413, "")).isTrue();
        assertThat(SinkHttp.collectorRefuses(422, "")).isTrue();
        assertThat(SinkHttp.collectorRefuses(401, "")).isFalse();
        assertThat(SinkHttp.collectorRefuses(429, "")).isFalse();
        assertThat(SinkHttp.collectorRefuses(500, "")).isFalse();
    }

    @Test
    void kafkaRefusesARecordTooLargeOrThatCannotBeSerializedButNotATimeout() {
        assertThat(SinkFailure.isRefusal(new CamelExchangeException("send failed", null,
                new RecordTooLargeException("The message is 2000000 bytes when serialized")))).isTrue();
        assertThat(SinkFailure.isRefusal(new SerializationException("cannot serialize"))).isTrue();
        assertThat(SinkFailure.isRefusal(new CamelExchangeException("send failed", null,
                new TimeoutException("Expiring 3 record(s)")))).isFalse();
    }

    @Test
    void onlyARefusalNamedSoIsOne() {
        assertThat(SinkFailure.isRefusal(SinkFailure.refused("HTTP 400 from splunk"))).isTrue();
        assertThat(SinkFailure.isRefusal(new SinkFailure(SinkFailure.refused("HTTP 400 from splunk")))).isTrue();
        assertThat(SinkFailure.isRefusal(new SinkFailure("HTTP 503 from splunk"))).isFalse();
        assertThat(SinkFailure.describe(SinkFailure.refused("HTTP 400 from splunk"))).isEqualTo("HTTP 400 from splunk");
    }
}
