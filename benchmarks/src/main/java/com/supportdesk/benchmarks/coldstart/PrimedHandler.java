package com.supportdesk.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The SnapStart proxy of {@code benchmarks/cold-start --primed}: stands in front of the handler named by
 * {@code PRIMED_HANDLER} and, while the runtime initialises it, does what Lambda does before it takes a
 * snapshot: runs the before-checkpoint hooks registered with {@code org.crac}, then the after-restore
 * hooks. The first event the runtime then hands over is the first invocation after a restore.
 *
 * <p>The managed runtime wires {@code org.crac} to the runtime interface client's implementation
 * ({@code org.crac.Core.Compat}); the same is done here, before the handler is loaded, and the hooks are
 * run through the runtime client's own global context, as its SnapStart start-up does. Only this class
 * (not the rest of the benchmarks module) is put on the function's class path.
 */
public final class PrimedHandler implements RequestStreamHandler {
    private static final String RUNTIME_CRAC = "com.amazonaws.services.lambda.crac";

    private final RequestStreamHandler target;

    public PrimedHandler() throws ReflectiveOperationException {
        System.setProperty("org.crac.Core.Compat", RUNTIME_CRAC);
        target = (RequestStreamHandler)
                Class.forName(System.getenv("PRIMED_HANDLER")).getConstructor().newInstance();
        Class<?> core = Class.forName(RUNTIME_CRAC + ".Core");
        Class<?> context = Class.forName(RUNTIME_CRAC + ".Context");
        Object global = core.getMethod("getGlobalContext").invoke(null);
        context.getMethod("beforeCheckpoint", context).invoke(global, (Object) null);
        context.getMethod("afterRestore", context).invoke(global, (Object) null);
    }

    /** The method Lambda calls on an HTTP function (decision 0009). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        target.handleRequest(input, output, context);
    }
}
