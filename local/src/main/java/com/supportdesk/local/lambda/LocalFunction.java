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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One function of template.yaml, loaded the way the managed Java runtime loads it, and invoked with JSON
 * in and JSON out:
 *
 * <ul>
 *   <li>the handler class ({@code Handler: pkg.Class::method}) is instantiated once, through its public
 *       constructor taking a {@link FunctionEnvironment} (locally resolved environment and the runner's clock);</li>
 *   <li>the input type is the parameter type of the handler method (the non-bridge {@code handleRequest});</li>
 *   <li>event JSON is turned into that type, and the result back into JSON, with
 *       {@link LambdaEventSerializers#serializerFor}, the library the runtime itself uses;</li>
 *   <li>{@code RequestStreamHandler}-style methods {@code (InputStream, OutputStream, Context)} get the bytes as is.</li>
 * </ul>
 *
 * <p>Like one Lambda execution environment, an instance handles one invocation at a time; concurrent
 * requests to the same function wait for each other.
 */
public final class LocalFunction {
    private final FunctionDefinition definition;
    private final Object handler;
    private final Method method;
    private final Kind kind;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final Duration timeout;
    private final int memoryMb;
    private final String arn;
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    private enum Kind {
        POJO,
        POJO_NO_CONTEXT,
        STREAM
    }

    private LocalFunction(
            FunctionDefinition definition,
            Object handler,
            Method method,
            Kind kind,
            PojoSerializer<Object> input,
            PojoSerializer<Object> output,
            Duration timeout,
            int memoryMb,
            String arn) {
        this.definition = definition;
        this.handler = handler;
        this.method = method;
        this.kind = kind;
        this.input = input;
        this.output = output;
        this.timeout = timeout;
        this.memoryMb = memoryMb;
        this.arn = arn;
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
            String arn) {
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
        Object handler;
        try {
            handler = constructor.newInstance(context);
        } catch (InvocationTargetException e) {
            throw new FunctionLoadException(
                    definition.logicalId() + ": " + className + " failed to initialise: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new FunctionLoadException(definition.logicalId() + ": cannot instantiate " + className, e);
        }
        Class<?>[] parameters = method.getParameterTypes();
        Kind kind = parameters.length == 3 ? Kind.STREAM : parameters.length == 2 ? Kind.POJO : Kind.POJO_NO_CONTEXT;
        PojoSerializer<Object> in = null;
        PojoSerializer<Object> out = null;
        if (kind != Kind.STREAM) {
            in = serializer(parameters[0], loader);
            out = method.getReturnType() == void.class ? null : serializer(method.getReturnType(), loader);
        }
        return new LocalFunction(definition, handler, method, kind, in, out, timeout, memoryMb, arn);
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

    public Object handler() {
        return handler;
    }

    public LocalLambdaContext newContext(String requestId) {
        return new LocalLambdaContext(definition.logicalId(), arn, requestId, timeout, memoryMb);
    }

    /**
     * Invokes the handler with an event given as JSON and returns its result as JSON ({@code null} when
     * the handler returns nothing).
     *
     * @throws FunctionErrorException when the handler throws (as the runtime reports an error to Lambda)
     */
    public byte[] invoke(byte[] eventJson, Context context) {
        oneAtATime.lock();
        try {
            switch (kind) {
                case STREAM -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    call(new ByteArrayInputStream(eventJson), out, context);
                    return out.toByteArray();
                }
                case POJO, POJO_NO_CONTEXT -> {
                    Object event = input.fromJson(new ByteArrayInputStream(eventJson));
                    Object result = kind == Kind.POJO ? call(event, context) : call(event);
                    if (output == null || result == null) {
                        return "null".getBytes(StandardCharsets.UTF_8);
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    output.toJson(result, out);
                    return out.toByteArray();
                }
                default -> throw new IllegalStateException();
            }
        } finally {
            oneAtATime.unlock();
        }
    }

    private Object call(Object... arguments) {
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
