package io.ado.controller.api;

import io.ado.protocol.ErrorBody;
import io.ado.protocol.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** The API's two kinds of answer: a JSON value, or an error as {@code {error, message}} with its status. */
final class Responses {
    private Responses() {}

    static void json(Context ctx, Object value) { ctx.contentType("application/json").result(Json.write(value)); }

    static void error(Context ctx, int status, String code, String message) {
        ctx.status(HttpStatus.forStatus(status)).contentType("application/json").result(Json.write(new ErrorBody(code, message)));
    }
}
