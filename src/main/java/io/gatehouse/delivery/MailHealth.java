package io.gatehouse.delivery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.mail.MailHealthIndicator;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import io.gatehouse.alerting.ActiveRules;
import io.gatehouse.alerting.Channels;

/**
 * The {@code mail} component of /actuator/health, in place of Spring Boot's: the SMTP server is checked only while
 * an email channel has a recipient. Without one Gatehouse sends no email, and a missing server at the default
 * localhost:25 is not a fault.
 */
@Component("mailHealthIndicator")
public class MailHealth implements HealthIndicator {

    private final ActiveRules rules;
    private final ObjectProvider<JavaMailSenderImpl> mailSender;

    public MailHealth(ActiveRules rules, ObjectProvider<JavaMailSenderImpl> mailSender) {
        this.rules = rules;
        this.mailSender = mailSender;
    }

    @Override
    public Health health() {
        boolean used = rules.current().channels().email().values().stream().anyMatch(Channels.EmailTarget::configured);
        JavaMailSenderImpl sender = mailSender.getIfAvailable();
        if (!used || sender == null) {
            return Health.up().withDetail("used", false)
                    .withDetail("reason", "no email channel has a recipient (gatehouse.channels.email)").build();
        }
        return new MailHealthIndicator(sender).health();
    }
}
