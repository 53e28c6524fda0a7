package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON Tomcat answers with when a request never reaches Gatehouse. */
class JsonErrorReportValveTest {

    @ParameterizedTest
    @CsvSource({
            "400, bad_request",
            "408, request_timeout",
            "414, uri_too_long",
            "431, request_header_fields_too_large",
            "501, not_implemented",
            "505, http_version_not_supported",
            "418, client_error",
            "503, server_error"})
    void namesTheErrorInTheShapeOfEveryOtherError(int status, String code) throws Exception {
        JsonNode body = new ObjectMapper().readTree(JsonErrorReportValve.json(status));

        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.size()).isEqualTo(2);
    }
}
