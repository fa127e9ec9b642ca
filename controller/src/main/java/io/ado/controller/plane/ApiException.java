package io.ado.controller.plane;

/** A refusal with an HTTP status and a stable code; the API turns it into {@code {error, message}}. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException notFound(String what, String id) { return new ApiException(404, "not_found", "no " + what + " with id '" + id + "'"); }

    public static ApiException badRequest(String message) { return new ApiException(400, "bad_request", message); }

    public static ApiException conflict(String message) { return new ApiException(409, "conflict", message); }

    public int status() { return status; }

    public String code() { return code; }
}
