package io.ado.controller.state;

import java.sql.SQLException;

/** A store failure; carries the statement (never its arguments, which may hold user data). */
public final class StoreException extends RuntimeException {
    StoreException(String sql, SQLException cause) { super("store: " + cause.getMessage() + " in: " + sql, cause); }
}
