package io.ado.runtime;

/** What travels through a mailbox. Internal: user messages are always wrapped. */
sealed interface Envelope {
    record Call(Object msg, ReplySlot from) implements Envelope {}
    record Cast(Object msg) implements Envelope {}
    record Info(Object msg) implements Envelope {}
    record Exit(ProcessRef from, ExitReason reason) implements Envelope {}
    record StopRequest(ExitReason reason, ReplySlot done) implements Envelope {}
}
