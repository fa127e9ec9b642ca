package io.ado.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashboardSessionsTest {
    static final String TOKEN = "test-token-0123456789";
    final ManualClock clock = new ManualClock();
    final DashboardSessions sessions = new DashboardSessions(TOKEN, clock);

    @Test
    void aSessionIsValidWithItsCsrfTokenAndNeverHoldsTheApiToken() {
        DashboardSessions.Session s = sessions.issue();
        assertThat(s.cookie()).doesNotContain(TOKEN);
        assertThat(s.toString()).doesNotContain(s.cookie()).doesNotContain(s.csrf());
        assertThat(sessions.csrf(s.cookie())).contains(s.csrf());
        assertThat(sessions.csrfMatches(s.cookie(), s.csrf())).isTrue();
        assertThat(sessions.csrfMatches(s.cookie(), null)).isFalse();
        assertThat(sessions.csrfMatches(s.cookie(), sessions.issue().csrf())).as("another session's CSRF token").isFalse();
        assertThat(sessions.issue().cookie()).as("random ids").isNotEqualTo(s.cookie());
    }

    @Test
    void anotherReplicaWithTheSameTokenAcceptsItOneWithAnotherTokenDoesNot() {
        DashboardSessions.Session s = sessions.issue();
        assertThat(new DashboardSessions(TOKEN, clock).csrf(s.cookie())).contains(s.csrf());
        assertThat(new DashboardSessions("other-token-0123456789", clock).csrf(s.cookie())).isEmpty();
    }

    @Test
    void aTamperedOrMalformedCookieIsRefused() {
        String c = sessions.issue().cookie();
        String[] parts = c.split("\\.");
        assertThat(sessions.csrf(parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2])).as("issue time changed").isEmpty();
        assertThat(sessions.csrf(c.substring(0, c.length() - 2) + "AA")).isEmpty();
        assertThat(sessions.csrf(null)).isEmpty();
        assertThat(sessions.csrf("")).isEmpty();
        assertThat(sessions.csrf("no-dots")).isEmpty();
        assertThat(sessions.csrf("a.b.c")).isEmpty();
    }

    @Test
    void aSessionExpiresAfterItsTtl() {
        DashboardSessions.Session s = sessions.issue();
        clock.advance(DashboardSessions.TTL);
        assertThat(sessions.csrf(s.cookie())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.csrf(s.cookie())).isEmpty();
        assertThat(sessions.csrfMatches(s.cookie(), s.csrf())).isFalse();
    }
}
