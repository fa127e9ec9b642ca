package io.ado.protocol;

/** Every API error: a stable machine code ({@code bad_request}, {@code not_found}, ...) and a sentence for people. */
public record ErrorBody(String error, String message) {}
