package io.gatehouse.delivery;

import java.time.ZoneId;
import java.util.Properties;

import jakarta.mail.Session;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.AlertQueries.AlertView;
import io.gatehouse.alerting.Channels.EmailTarget;
import io.gatehouse.event.AccessEvent;

/**
 * Builds the email of a delivery: HTML with a plain-text alternative, and every header camel-mail reads (From, To,
 * Cc, Subject) from configuration only; vendor text in the subject and the bodies goes through
 * {@link PlainTextField}, so it stays on its one line and shows no link. The SMTP server is Spring Boot's
 * {@code spring.mail.*}.
 */
@Component
public class EmailMessages {

    /** Exchange property holding the camel-mail endpoint URI. */
    public static final String ENDPOINT = "gatehouseMailEndpoint";
    /** Header camel-mail sends as the plain-text alternative (its alternativeBodyHeader default). */
    static final String ALTERNATIVE_BODY = "CamelMailAlternativeBody";

    private final AlertText text;
    private final ActiveRules rules;
    private final PlainTextField plain;
    private final String from;
    private final String endpoint;
    private final Session session;

    public EmailMessages(AlertText text, ActiveRules rules, PlainTextField plain, Environment environment,
                         AlertMailProperties alertMail) {
        this.text = text;
        this.rules = rules;
        this.plain = plain;
        this.from = alertMail.from();
        MailProperties mail = Binder.get(environment).bind("spring.mail", MailProperties.class)
                .orElseGet(MailProperties::new);
        this.session = session(mail);
        this.endpoint = endpoint(mail);
    }

    /** The session camel-mail uses, so that spring.mail.properties.* (STARTTLS, timeouts) apply. */
    public Session session() {
        return session;
    }

    /** Body: the alert (routes/deliver/deliveries.camel.yaml); the delivery is the exchange property. */
    public void build(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DeliveryOutcomes.DELIVERY, Delivery.class);
        EmailTarget target = ChannelTargets.inForce(rules.current().channels().email(), delivery.channel(),
                EmailTarget::configured);
        AlertView alert = exchange.getIn().getBody(AlertView.class);
        Message message = exchange.getIn();
        message.removeHeaders("*");
        message.setHeader("From", from);
        message.setHeader("To", String.join(", ", target.to()));
        if (!target.cc().isEmpty()) {
            message.setHeader("Cc", String.join(", ", target.cc()));
        }
        message.setHeader("Subject", oneLine(text.subject(alert, plain::clean)));
        message.setHeader(ALTERNATIVE_BODY, text.plain(alert, plain::clean));
        message.setHeader("Content-Type", "text/html; charset=UTF-8");
        message.setBody(html(alert));
        exchange.setProperty(ENDPOINT, endpoint);
    }

    String html(AlertView alert) {
        ZoneId zone = text.zoneOf(alert);
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.append("<h2>").append(e(text.subject(alert, plain::clean))).append("</h2>");
        html.append("<p>Rule <code>").append(e(alert.rule())).append("</code>");
        if (alert.suppressed() > 0) {
            html.append(" &middot; ").append(alert.suppressed()).append(" similar alert(s) suppressed since the last one");
        }
        html.append("</p>");
        for (AccessEvent event : alert.events()) {
            html.append("<table style=\"border-collapse:collapse;margin-bottom:1em\">");
            for (String[] fact : text.facts(event, zone, plain::clean)) {
                html.append("<tr><th style=\"text-align:left;padding-right:1em\">").append(e(fact[0]))
                        .append("</th><td>").append(e(fact[1])).append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("<p style=\"color:#777\">Gatehouse alert ").append(e(alert.id())).append("</p></body></html>");
        return html.toString();
    }

    private static String e(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }

    /** A header must be one line; vendor text has none already, the rule's name (the operator's) might. */
    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n]+", " ");
    }

    private static Session session(MailProperties mail) {
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        properties.putAll(mail.getProperties());
        return Session.getInstance(properties);
    }

    private static String endpoint(MailProperties mail) {
        String protocol = mail.getProtocol() == null ? "smtp" : mail.getProtocol();
        String host = mail.getHost() == null ? "localhost" : mail.getHost();
        int port = mail.getPort() != null ? mail.getPort() : ("smtps".equals(protocol) ? 465 : 25);
        StringBuilder uri = new StringBuilder(protocol).append("://").append(host).append(':').append(port)
                .append("?session=#gatehouseMailSession");
        if (mail.getUsername() != null && !mail.getUsername().isBlank()) {
            uri.append("&username=RAW(").append(mail.getUsername()).append(")&password=RAW(")
                    .append(mail.getPassword() == null ? "" : mail.getPassword()).append(')');
        }
        return uri.toString();
    }
}
