package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.protocol.Event;
import io.ado.protocol.OutputStream;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@link EventBus} contract, run on the in-process bus and on Redis pub/sub. */
abstract class EventBusContract {
    private static final Duration T = Duration.ofSeconds(5);
    private final List<EventBus> opened = new CopyOnWriteArrayList<>();

    /** A bus; calls within one test share one fabric (one Redis channel prefix, or one in-process bus). */
    abstract EventBus newReplica();

    private EventBus bus() {
        EventBus b = newReplica();
        opened.add(b);
        return b;
    }

    @AfterEach void closeAll() { opened.forEach(EventBus::close); }

    private static StreamMessage chunk(String task, long seq) {
        return new StreamMessage.Chunk(task, seq, 1, OutputStream.STDOUT, "line " + seq, seq);
    }

    @Test void eventsReachEverySubscriberInPublishOrder() {
        EventBus bus = bus();
        List<Event> a = new CopyOnWriteArrayList<>(), b = new CopyOnWriteArrayList<>();
        bus.subscribeEvents(a::add);
        bus.subscribeEvents(b::add);
        for (int i = 0; i < 50; i++) bus.event("task.created", i, Map.of("n", i));
        await().atMost(T).until(() -> a.size() == 50 && b.size() == 50);
        assertThat(a).extracting(Event::at).isSorted().doesNotHaveDuplicates();
        assertThat(a.getFirst().data()).containsEntry("n", 0);
        assertThat(b).isEqualTo(a);
    }

    @Test void taskMessagesGoOnlyToThatTasksSubscribersInOrder() {
        EventBus bus = bus();
        List<StreamMessage> t1 = new CopyOnWriteArrayList<>(), t2 = new CopyOnWriteArrayList<>();
        bus.subscribeTask("t1", t1::add);
        bus.subscribeTask("t2", t2::add);
        for (int i = 0; i < 100; i++) bus.publish("t1", chunk("t1", i));
        bus.publish("t1", new StreamMessage.End("t1", TaskStatus.COMPLETED, 0, null));
        bus.publish("t2", chunk("t2", 0));
        await().atMost(T).until(() -> t1.size() == 101 && t2.size() == 1);
        assertThat(t1.subList(0, 100)).extracting(m -> ((StreamMessage.Chunk) m).seq()).isSorted().doesNotHaveDuplicates();
        assertThat(t1.getLast()).isInstanceOf(StreamMessage.End.class);
        assertThat(t2).containsExactly(chunk("t2", 0));
    }

    @Test void anotherReplicaSeesWhatThisOnePublishes() {
        EventBus a = bus(), b = bus();
        List<StreamMessage> onB = new CopyOnWriteArrayList<>();
        List<Event> eventsOnB = new CopyOnWriteArrayList<>();
        b.subscribeTask("x", onB::add);
        b.subscribeEvents(eventsOnB::add);
        a.publish("x", chunk("x", 7));
        a.event("worker.registered", 1, Map.of("workerId", "w1"));
        await().atMost(T).until(() -> onB.size() == 1 && eventsOnB.size() == 1);
        assertThat(onB).containsExactly(chunk("x", 7));
        assertThat(eventsOnB.getFirst().type()).isEqualTo("worker.registered");
    }

    @Test void unsubscribedSinksGetNothingAndABrokenSinkDoesNotStopTheOthers() {
        EventBus bus = bus();
        List<Event> kept = new CopyOnWriteArrayList<>(), dropped = new CopyOnWriteArrayList<>();
        bus.subscribeEvents(e -> { throw new IllegalStateException("broken subscriber"); });
        Runnable off = bus.subscribeEvents(dropped::add);
        bus.subscribeEvents(kept::add);
        off.run();
        bus.event("a", 1, Map.of());
        bus.event("b", 2, Map.of());
        await().atMost(T).until(() -> kept.size() == 2);
        assertThat(dropped).isEmpty();
    }

    @Test void eachReplicaDeliversEachMessageOnceToEachSubscriber() {
        EventBus a = bus(), b = bus();
        List<Event> onA = new CopyOnWriteArrayList<>(), onB = new CopyOnWriteArrayList<>();
        List<StreamMessage> streamOnA = new CopyOnWriteArrayList<>();
        a.subscribeEvents(onA::add);
        b.subscribeEvents(onB::add);
        a.subscribeTask("once", streamOnA::add);
        for (int i = 0; i < 20; i++) a.event("task.created", i, Map.of("n", i));
        a.publish("once", chunk("once", 0));
        await().atMost(T).until(() -> onB.size() == 20);
        // a's own copy may not come back through the shared fabric as a second delivery
        await().during(Duration.ofMillis(300)).atMost(T).until(() -> onA.size() == 20 && streamOnA.size() == 1);
        assertThat(onA).extracting(Event::at).containsExactlyElementsOf(onB.stream().map(Event::at).toList());
    }
}
