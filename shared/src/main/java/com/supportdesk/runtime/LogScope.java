package com.supportdesk.runtime;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * While open, every {@link Log} line written on the opening thread names this invocation. A handler
 * opens one at the start of each invocation and closes it when the invocation ends:
 *
 * <pre>{@code
 * try (LogScope scope = LogScope.open(invocation)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>The scope belongs to the thread, not to the process, because the local runner and the tests run
 * several invocations at once in one JVM. Work handed to another thread does not carry it.
 *
 * <p>The first scope opened for a function name and log stream in this JVM is its cold start. In Lambda
 * one JVM is one execution environment of one function, with one log stream, so that is "the first
 * invocation of the execution environment"; the local runner hosts every instance of every function in one
 * JVM, each instance with a log stream of its own, and counting per name and stream gives each instance its
 * own first invocation there too. With SnapStart the snapshot is taken after init and before any invocation, so every environment
 * restored from it starts with no name seen and its first invocation is cold as well.
 */
public final class LogScope implements AutoCloseable {
    private static final ThreadLocal<LogScope> CURRENT = new ThreadLocal<>();
    private static final Set<String> ENVIRONMENTS_INVOKED = ConcurrentHashMap.newKeySet();

    private final Invocation invocation;
    private final boolean coldStart;
    private final LogScope enclosing;

    private LogScope(Invocation invocation, boolean coldStart, LogScope enclosing) {
        this.invocation = invocation;
        this.coldStart = coldStart;
        this.enclosing = enclosing;
    }

    /** Opens the scope of one invocation on the current thread; close it on the same thread. */
    public static LogScope open(Invocation invocation) {
        Objects.requireNonNull(invocation, "invocation");
        String environment = Objects.requireNonNullElse(invocation.functionName(), "")
                + '\u0000'
                + Objects.requireNonNullElse(invocation.logStreamName(), "");
        LogScope scope = new LogScope(invocation, ENVIRONMENTS_INVOKED.add(environment), CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    public Invocation invocation() {
        return invocation;
    }

    /** Whether this is the first invocation of its function's execution environment (name and log stream). */
    public boolean coldStart() {
        return coldStart;
    }

    /**
     * Ends the scope: lines written afterwards on this thread carry no invocation again (or the enclosing
     * one's, if scopes were nested). Closing twice, or a scope that is not the innermost, changes nothing.
     */
    @Override
    public void close() {
        if (CURRENT.get() != this) {
            return;
        }
        if (enclosing == null) {
            // remove(), not set(null): a pooled thread keeps nothing of an invocation that is over.
            CURRENT.remove();
        } else {
            CURRENT.set(enclosing);
        }
    }

    /** The scope open on the current thread, or {@code null} outside any invocation (init, tests). */
    static LogScope current() {
        return CURRENT.get();
    }
}
