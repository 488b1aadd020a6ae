package org.csc.warehouse.errors;

/**
 * The one exception users see. Its message always has three parts (problem, cause, fix) so an
 * operator reading a nightly log knows what to do without reading code.
 */
public final class CscException extends RuntimeException {
    private final String problem;
    private final String cause;
    private final String fix;

    CscException(String problem, String cause, String fix, Throwable underlying) {
        super(problem + "\n  cause: " + cause + "\n  fix:   " + fix, underlying);
        this.problem = problem;
        this.cause = cause;
        this.fix = fix;
    }

    public String problem() { return problem; }
    public String cause() { return cause; }
    public String fix() { return fix; }
}
