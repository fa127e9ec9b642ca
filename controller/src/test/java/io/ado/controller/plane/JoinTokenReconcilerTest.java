package io.ado.controller.plane;

import static org.assertj.core.api.Assertions.assertThat;

import io.ado.controller.plane.ControllerEvent.WorkerJoinRefused;
import io.ado.controller.plane.ControllerEvent.WorkerRegistered;
import io.ado.controller.plane.PlaneHarness.Decision;
import io.ado.controller.state.JoinTokenRecord;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.ControllerMessage.Registered;
import io.ado.protocol.JoinTokenGrant;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.WorkerStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Join tokens and reconnect credentials at register, plan by plan: a refusal changes nothing at all. */
class JoinTokenReconcilerTest {
    final PlaneHarness h = new PlaneHarness();
    final RecordingLink pod = new RecordingLink("c1", true);   // let in on a join token, without the API token
    final RecordingLink again = new RecordingLink("c2", true);

    /** The refusal plan: an error and a close to this link, an event, and nothing else. */
    static void refusedAndNothingChanged(Decision d, RecordingLink link, String reason) {
        assertThat(d.plans()).singleElement().satisfies(p -> {
            assertThat(p.sends()).containsExactly(new Plan.Send(link, new ControllerMessage.Error("join_refused", reason)));
            assertThat(p.closes()).containsExactly(new Plan.Close(link, "join refused"));
            assertThat(p.writes()).isEmpty();
            assertThat(p.workers()).isEmpty();
            assertThat(p.links()).isEmpty();
            assertThat(p.then()).isEqualTo(Plan.Then.NOTHING);
            assertThat(p.events(WorkerJoinRefused.class)).extracting(WorkerJoinRefused::reason).containsExactly(reason);
        });
    }

    Registered registered(Decision d) { return d.sends(Registered.class).get(0); }

    @Test
    void aMintedTokenIsStoredOnlyAsItsHashBoundToTheWorker() {
        Decision d = h.feed(new ControlPlane.MintJoinToken("w1", null));
        JoinTokenGrant g = (JoinTokenGrant) ((Plan.Reply.Value) d.reply()).value();
        assertThat(g.token()).matches("adojt_[0-9a-z]{32}");
        assertThat(g.expiresAt()).isEqualTo(h.now + Duration.ofHours(1).toMillis()); // security.joinTokenTtl's default
        assertThat(d.writes(StoreWrite.CreateJoinToken.class)).extracting(StoreWrite.CreateJoinToken::token)
                .containsExactly(new JoinTokenRecord(JoinTokens.hash(g.token()), "w1", h.now, g.expiresAt(), null));
        assertThat(d.first().toString()).doesNotContain(g.token());
        assertThat(h.mint("w2", Duration.ofMinutes(5)).expiresAt()).isEqualTo(h.now + 300_000);
        assertThat(h.mint("w3", null).token()).isNotEqualTo(g.token());
    }

    @Test
    void aGoodTokenRegistersItsWorkerIsConsumedInTheSamePlanAndEarnsAReconnectCredential() {
        String token = h.mint("w1", null).token();
        h.advance(Duration.ofMinutes(10));
        Decision d = h.registerWith(pod, "w1", token, null);
        Plan own = d.first();
        String credential = registered(d).reconnectToken();
        assertThat(credential).matches("adorc_[0-9a-z]{32}");
        assertThat(own.writes(StoreWrite.UseJoinToken.class)).containsExactly(new StoreWrite.UseJoinToken(JoinTokens.hash(token), h.now));
        assertThat(own.writes(StoreWrite.SaveReconnectHash.class)).containsExactly(new StoreWrite.SaveReconnectHash("w1", JoinTokens.hash(credential)));
        assertThat(own.writes(StoreWrite.SaveWorker.class)).hasSize(1);
        assertThat(own.events(WorkerRegistered.class)).containsExactly(new WorkerRegistered("w1", false, 0, h.now));
        assertThat(own.toString()).doesNotContain(token).doesNotContain(credential);
        assertThat(h.state.registry.lookup("w1")).isPresent();
        assertThat(h.state.link("w1")).isSameAs(pod);
        // and it takes work like any other worker
        String t = h.submit(TaskSpec.shell("true"));
        assertThat(h.view(t).workerId()).isEqualTo("w1");
    }

    @Test
    void aWrongTokenIsRefusedAndChangesNothing() {
        h.mint("w1", null);
        refusedAndNothingChanged(h.registerWith(pod, "w1", "adojt_" + "0".repeat(32), null), pod, "unknown join token");
        assertThat(h.state.registry.size()).isZero();
        assertThat(h.state.owner(pod)).isNull();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = h.mint("w1", Duration.ofMinutes(1)).token();
        h.advance(Duration.ofMinutes(1));
        refusedAndNothingChanged(h.registerWith(pod, "w1", token, null), pod, "the join token expired at 2026-01-01T00:01:00Z");
        assertThat(h.state.registry.size()).isZero();
    }

    @Test
    void aUsedTokenIsRefusedAndTheWorkerThatUsedItKeepsItsPlace() {
        String token = h.mint("w1", null).token();
        h.registerWith(pod, "w1", token, null);
        var before = h.state.registry.lookup("w1").orElseThrow();
        refusedAndNothingChanged(h.registerWith(again, "w1", token, null), again, "the join token was already used");
        assertThat(h.state.registry.lookup("w1")).contains(before);
        assertThat(h.state.link("w1")).isSameAs(pod);
        assertThat(pod.closedBecause).isNull();
    }

    @Test
    void anotherWorkersTokenIsRefused() {
        String token = h.mint("w1", null).token();
        refusedAndNothingChanged(h.registerWith(pod, "w2", token, null), pod, "the join token is bound to another worker id, not w2");
        assertThat(h.state.registry.size()).isZero();
        h.registerWith(again, "w1", token, null); // still good for its own worker
        assertThat(h.state.registry.lookup("w1")).isPresent();
    }

    @Test
    void aWorkerComesBackWithItsReconnectCredentialNotANewToken() {
        String token = h.mint("w1", null).token();
        String credential = registered(h.registerWith(pod, "w1", token, null)).reconnectToken();
        h.feed(new ControlPlane.Disconnected(pod)); // a network blip
        h.advance(Duration.ofSeconds(1));

        Decision back = h.registerWith(again, "w1", null, credential);
        assertThat(registered(back).reconnectToken()).isNull(); // it keeps the one it has
        assertThat(back.first().writes(StoreWrite.UseJoinToken.class)).isEmpty();
        assertThat(back.first().writes(StoreWrite.SaveReconnectHash.class)).isEmpty();
        assertThat(back.first().events(WorkerRegistered.class)).extracting(WorkerRegistered::reconnected).containsExactly(true);
        assertThat(h.state.link("w1")).isSameAs(again);

        RecordingLink third = new RecordingLink("c3", true);
        refusedAndNothingChanged(h.registerWith(third, "w1", null, "adorc_" + "1".repeat(32)), third,
                "the reconnect credential is not valid for worker w1 (unknown, or the worker was unregistered)");
        refusedAndNothingChanged(h.registerWith(third, "w2", null, credential), third,
                "the reconnect credential is not valid for worker w2 (unknown, or the worker was unregistered)");
    }

    @Test
    void onceUnregisteredTheReconnectCredentialNoLongerLetsItBack() {
        String credential = registered(h.registerWith(pod, "w1", h.mint("w1", null).token(), null)).reconnectToken();
        h.feed(new ControlPlane.Disconnected(pod));
        h.advance(Duration.ofSeconds(3)); // past the reconnect window (2 s)
        h.tick();
        h.advance(Duration.ofSeconds(61)); // past the unhealthy grace period
        h.tick();
        assertThat(h.state.registry.lookup("w1")).isEmpty();
        refusedAndNothingChanged(h.registerWith(again, "w1", null, credential), again,
                "the reconnect credential is not valid for worker w1 (unknown, or the worker was unregistered)");
        h.registerWith(again, "w1", h.mint("w1", null).token(), null); // a new token lets it in as a new worker
        assertThat(h.state.registry.lookup("w1")).map(w -> w.status()).contains(WorkerStatus.IDLE);
    }

    @Test
    void aJoinOnlyConnectionMustPresentATokenWhileOneLetInByTheApiTokenNeedsNone() {
        refusedAndNothingChanged(h.registerWith(pod, "w1", null, null), pod,
                "this connection was let in without the API token: register must present the join token");
        RecordingLink trusted = new RecordingLink("c9");
        Decision d = h.registerWith(trusted, "w1", null, null);
        assertThat(registered(d).reconnectToken()).isNull();
        assertThat(h.state.registry.lookup("w1")).isPresent();
    }

    @Test
    void aTokenIsCheckedWhoeverLetTheConnectionInAndOnlyOneCredentialMayBeShown() {
        RecordingLink trusted = new RecordingLink("c9");
        refusedAndNothingChanged(h.registerWith(trusted, "w1", "adojt_" + "2".repeat(32), null), trusted, "unknown join token");
        String token = h.mint("w1", null).token();
        refusedAndNothingChanged(h.registerWith(trusted, "w1", token, "adorc_" + "3".repeat(32)), trusted,
                "present a join token or a reconnect credential, not both");
        h.registerWith(trusted, "w1", token, null);
        assertThat(h.state.registry.lookup("w1")).isPresent();
    }

    @Test
    void theScalingManagersMintIsTheSameTokenInAPlanOfItsOwn() {
        Plan.Builder b = new Plan.Builder();
        String token = h.reconciler.tokens().mint(b, "pod-1", h.now); // what Rounds calls for each worker it spawns
        Plan p = b.build();
        h.state.apply(p);
        assertThat(p.writes(StoreWrite.CreateJoinToken.class)).extracting(c -> c.token().workerId()).containsExactly("pod-1");
        assertThat(registered(h.registerWith(pod, "pod-1", token, null)).reconnectToken()).isNotNull();
    }

    @Test
    void expiredTokensAreForgottenWhenTheNextOneIsMinted() {
        h.mint("w1", Duration.ofMinutes(1));
        h.advance(Duration.ofMinutes(2));
        Decision d = h.feed(new ControlPlane.MintJoinToken("w2", null));
        assertThat(d.writes(StoreWrite.DeleteJoinTokens.class)).containsExactly(new StoreWrite.DeleteJoinTokens(h.now));
        assertThat(h.state.credentials.joinTokens()).extracting(JoinTokenRecord::workerId).containsExactly("w2");
    }
}
