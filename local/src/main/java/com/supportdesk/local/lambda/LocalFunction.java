package com.supportdesk.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.supportdesk.local.template.FunctionDefinition;
import com.supportdesk.runtime.FunctionEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One function of template.yaml, loaded the way the managed Java runtime loads it, and invoked with JSON
 * in and JSON out:
 *
 * <ul>
 *   <li>each execution environment (instance) gets its own handler object, made through the handler class's
 *       public constructor taking a {@link FunctionEnvironment} (locally resolved environment and the
 *       runner's clock), as Lambda initialises each new execution environment;</li>
 *   <li>the input type is the parameter type of the handler method (the non-bridge {@code handleRequest});</li>
 *   <li>event JSON is turned into that type, and the result back into JSON, with
 *       {@link LambdaEventSerializers#serializerFor}, the library the runtime itself uses;</li>
 *   <li>{@code RequestStreamHandler}-style methods {@code (InputStream, OutputStream, Context)} get the bytes as is.</li>
 * </ul>
 *
 * <p>Concurrency as in Lambda: one instance handles one invocation at a time, and concurrent invocations
 * run at once on separate instances. The first instance is made when the function is loaded (so that a
 * function that cannot initialise is reported at start); more are made when an invocation finds every
 * existing one busy, up to {@code maxInstances} (the function's concurrency limit). An invocation beyond
 * that waits, first come first served, for an instance to become free, rather than being throttled. A free
 * instance that was used last is used next, as Lambda prefers warm environments, so sequential invocations
 * keep to one instance.
 */
public final class LocalFunction {
    private final FunctionDefinition definition;
    private final Constructor<?> constructor;
    private final FunctionEnvironment environment;
    private final Method method;
    private final Kind kind;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final Duration timeout;
    private final int memoryMb;
    private final String arn;
    private final int maxInstances;
    /** Guards {@link #idle}, {@link #instances} and {@link #creating}; fair, so waiting invocations go in order. */
    private final ReentrantLock pool = new ReentrantLock(true);

    private final Condition freed = pool.newCondition();
    private final Deque<Instance> idle = new ArrayDeque<>();
    private final List<Instance> instances = new ArrayList<>();
    private int creating;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    private enum Kind {
        POJO,
        POJO_NO_CONTEXT,
        STREAM
    }

    /**
     * One execution environment: its handler object and its own log stream (which is how an environment is
     * told apart in CloudWatch, and how {@code cold_start} is counted per environment).
     */
    private record Instance(Object handler, String logStream) {}

    private LocalFunction(
            FunctionDefinition definition,
            Constructor<?> constructor,
            FunctionEnvironment environment,
            Method method,
            Kind kind,
            PojoSerializer<Object> input,
            PojoSerializer<Object> output,
            Duration timeout,
            int memoryMb,
            String arn,
            int maxInstances) {
        this.definition = definition;
        this.constructor = constructor;
        this.environment = environment;
        this.method = method;
        this.kind = kind;
        this.input = input;
        this.output = output;
        this.timeout = timeout;
        this.memoryMb = memoryMb;
        this.arn = arn;
        this.maxInstances = maxInstances;
    }

    /** Loads the function with at most one instance (tests of one handler object). */
    public static LocalFunction load(
            FunctionDefinition definition,
            FunctionEnvironment context,
            ClassLoader loader,
            Duration timeout,
            int memoryMb,
            String arn) {
        return load(definition, context, loader, timeout, memoryMb, arn, 1);
    }

    /**
     * @throws FunctionLoadException when the class is not on the class path or breaks the conventions
     */
    public static LocalFunction load(
            FunctionDefinition definition,
            FunctionEnvironment context,
            ClassLoader loader,
            Duration timeout,
            int memoryMb,
            String arn,
            int maxInstances) {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("A function needs at least one instance, not " + maxInstances);
        }
        Class<?> type = handlerClass(definition, loader);
        String className = type.getName();
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(FunctionEnvironment.class);
        } catch (NoSuchMethodException e) {
            throw new FunctionLoadException(
                    definition.logicalId() + ": " + className
                            + " needs a public constructor taking a com.supportdesk.runtime.FunctionEnvironment",
                    e);
        }
        Method method = handlerMethod(definition, type);
        Class<?>[] parameters = method.getParameterTypes();
        Kind kind = parameters.length == 3 ? Kind.STREAM : parameters.length == 2 ? Kind.POJO : Kind.POJO_NO_CONTEXT;
        PojoSerializer<Object> in = null;
        PojoSerializer<Object> out = null;
        if (kind != Kind.STREAM) {
            in = serializer(parameters[0], loader);
            out = method.getReturnType() == void.class ? null : serializer(method.getReturnType(), loader);
        }
        LocalFunction function = new LocalFunction(
                definition, constructor, context, method, kind, in, out, timeout, memoryMb, arn, maxInstances);
        function.idle.push(function.newInstance());
        return function;
    }

    /**
     * A new execution environment: the handler made through its {@code FunctionEnvironment} constructor (its
     * init phase), and a log stream of its own.
     *
     * @throws FunctionLoadException when the constructor throws
     */
    private Instance newInstance() {
        Object handler;
        try {
            handler = constructor.newInstance(environment);
        } catch (InvocationTargetException e) {
            throw new FunctionLoadException(
                    definition.logicalId() + ": "
                            + constructor.getDeclaringClass().getName() + " failed to initialise: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new FunctionLoadException(
                    definition.logicalId() + ": cannot instantiate "
                            + constructor.getDeclaringClass().getName(),
                    e);
        }
        Instance instance = new Instance(
                handler,
                LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]"
                        + UUID.randomUUID().toString().replace("-", ""));
        pool.lock();
        try {
            instances.add(instance);
        } finally {
            pool.unlock();
        }
        return instance;
    }

    /**
     * The type a function's handler method takes (for a {@code RequestHandler<I, O>}, {@code I}), found as
     * {@link #load} finds it but without creating the handler; {@code InputStream} for a stream handler.
     *
     * @throws FunctionLoadException when the class is not on the class path or breaks the conventions
     */
    public static Class<?> inputTypeOf(FunctionDefinition definition, ClassLoader loader) {
        return handlerMethod(definition, handlerClass(definition, loader)).getParameterTypes()[0];
    }

    private static Class<?> handlerClass(FunctionDefinition definition, ClassLoader loader) {
        String className = definition.handlerClass();
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FunctionLoadException(
                    definition.logicalId() + ": handler class " + className
                            + " is not on the local runner's class path; add its module as a dependency of local/pom.xml",
                    e);
        }
    }

    private static Method handlerMethod(FunctionDefinition definition, Class<?> type) {
        String methodName = methodName(definition.handler());
        return handlerMethod(type, methodName)
                .orElseThrow(() -> new FunctionLoadException(
                        definition.logicalId() + ": " + type.getName() + " has no public method " + methodName
                                + "(input, Context) or (InputStream, OutputStream, Context)",
                        null));
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type, ClassLoader loader) {
        return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
    }

    private static String methodName(String handler) {
        int separator = handler.indexOf("::");
        return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    }

    /**
     * The handler method: for a {@code RequestHandler<I, O>} the compiler also emits a bridge
     * {@code handleRequest(Object, Context)}; the real one is the non-bridge method, whose first parameter
     * is the concrete input type.
     */
    static java.util.Optional<Method> handlerMethod(Class<?> type, String name) {
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name))
                .filter(m -> !m.isBridge() && !m.isSynthetic() && !Modifier.isStatic(m.getModifiers()))
                .filter(LocalFunction::supportedSignature)
                .toList();
        return candidates.stream()
                .min(Comparator.comparingInt((Method m) -> m.getParameterCount() == 3 ? 0 : 1)
                        .thenComparing((Method m) -> m.getParameterTypes()[0] == Object.class)
                        .thenComparingInt(m -> -m.getParameterCount()));
    }

    private static boolean supportedSignature(Method m) {
        Class<?>[] p = m.getParameterTypes();
        if (p.length == 3) {
            return p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
        }
        if (p.length == 2) {
            return p[1] == Context.class;
        }
        return p.length == 1;
    }

    public FunctionDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.logicalId();
    }

    public Class<?> inputType() {
        return method.getParameterTypes()[0];
    }

    /** The handler object of the first instance (the one sequential invocations use). */
    public Object handler() {
        pool.lock();
        try {
            return instances.get(0).handler();
        } finally {
            pool.unlock();
        }
    }

    /** The handler objects of every instance made so far, oldest first. */
    public List<Object> handlers() {
        pool.lock();
        try {
            return instances.stream().map(Instance::handler).toList();
        } finally {
            pool.unlock();
        }
    }

    /** How many instances (execution environments) have been made so far. */
    public int instanceCount() {
        pool.lock();
        try {
            return instances.size();
        } finally {
            pool.unlock();
        }
    }

    /** The most invocations that have run at the same moment so far. */
    public int mostConcurrentInvocations() {
        return mostAtOnce.get();
    }

    /** The concurrency limit: at most this many instances, so at most this many invocations at once. */
    public int maxInstances() {
        return maxInstances;
    }

    /** Takes a free instance, makes one if all are busy and the limit allows, else waits for one. */
    private Instance acquire() {
        pool.lock();
        try {
            while (idle.isEmpty() && instances.size() + creating >= maxInstances) {
                freed.awaitUninterruptibly();
            }
            if (!idle.isEmpty()) {
                return idle.pop();
            }
            creating++;
        } finally {
            pool.unlock();
        }
        try {
            return newInstance();
        } catch (RuntimeException e) {
            throw new FunctionErrorException(definition.logicalId(), e);
        } finally {
            createdOrFailed();
        }
    }

    /** One instance fewer in the making: a waiting invocation may now make one or take the new one. */
    private void createdOrFailed() {
        pool.lock();
        try {
            creating--;
            freed.signal();
        } finally {
            pool.unlock();
        }
    }

    private void release(Instance instance) {
        pool.lock();
        try {
            idle.push(instance);
            freed.signal();
        } finally {
            pool.unlock();
        }
    }

    /**
     * Invokes the handler of a free instance with an event given as JSON and returns its result as JSON
     * ({@code null} when the handler returns nothing). Waits for a free instance when the function is at its
     * concurrency limit; the function's {@code Timeout} counts from when an instance takes the invocation.
     *
     * @throws FunctionErrorException when the handler throws (as the runtime reports an error to Lambda), or
     *                                when a new instance fails to initialise
     */
    public byte[] invoke(byte[] eventJson, String requestId) {
        Instance instance = acquire();
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        LocalLambdaContext context =
                new LocalLambdaContext(definition.logicalId(), arn, requestId, instance.logStream(), timeout, memoryMb);
        long started = System.nanoTime();
        try {
            return invoke(instance.handler(), eventJson, context);
        } finally {
            running.decrementAndGet();
            release(instance);
            if (context.getRemainingTimeInMillis() == 0) {
                System.err.println("[local] " + definition.logicalId() + " " + requestId + " ran "
                        + Duration.ofNanos(System.nanoTime() - started).toMillis()
                        + " ms, longer than its Timeout; deployed, this invocation would have failed");
            }
        }
    }

    private byte[] invoke(Object handler, byte[] eventJson, Context context) {
        switch (kind) {
            case STREAM -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                call(handler, new ByteArrayInputStream(eventJson), out, context);
                return out.toByteArray();
            }
            case POJO, POJO_NO_CONTEXT -> {
                Object event = input.fromJson(new ByteArrayInputStream(eventJson));
                Object result = kind == Kind.POJO ? call(handler, event, context) : call(handler, event);
                if (output == null || result == null) {
                    return "null".getBytes(StandardCharsets.UTF_8);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                output.toJson(result, out);
                return out.toByteArray();
            }
            default -> throw new IllegalStateException();
        }
    }

    private Object call(Object handler, Object... arguments) {
        try {
            return method.invoke(handler, arguments);
        } catch (InvocationTargetException e) {
            throw new FunctionErrorException(definition.logicalId(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new FunctionErrorException(definition.logicalId(), e);
        }
    }

    /** The function's class cannot be loaded or does not follow the handler conventions. */
    public static final class FunctionLoadException extends RuntimeException {
        public FunctionLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The handler threw: Lambda reports a function error and API Gateway answers 500. */
    public static final class FunctionErrorException extends RuntimeException {
        public FunctionErrorException(String function, Throwable cause) {
            super(function + " failed: " + cause, cause);
        }
    }
}
