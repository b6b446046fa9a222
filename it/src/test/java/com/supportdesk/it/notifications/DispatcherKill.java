package com.supportdesk.it.notifications;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Kills the notification dispatcher in the middle of a batch, as an out-of-memory error, a crashed runtime
 * or a reclaimed execution environment would: once armed, the {@code n}th SES {@code SendEmail} to one of
 * the given addresses ends the invocation with an {@link Error} that nothing in the dispatcher catches,
 * either right after SES accepted the message (the documented duplicate window: sent, SENT not recorded) or
 * just before the message is handed over. The poller sees a failed invocation and deletes none of the batch.
 *
 * <p>A global SDK interceptor (listed in {@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * on the test class path), so that it reaches the SES client inside the dispatcher the local runner built,
 * without any hook in production code. Disarmed it does nothing; it disarms itself when it has struck.
 */
public final class DispatcherKill implements ExecutionInterceptor {
    /** Where in the hand-over the dispatcher dies. */
    enum When {
        /** SES has the message; the dispatcher never learns its id nor records SENT. */
        AFTER_SES_ACCEPTED,
        /** The claim is taken, the message not yet handed over. */
        BEFORE_THE_HAND_OVER
    }

    /** What unwinds the invocation: an Error, as the dispatcher catches only exceptions. */
    static final class Killed extends Error {
        Killed(String victim) {
            // the runner prints it: name the recipient only by its domain, like every other log line
            super(
                    "the dispatcher was killed while sending to a recipient at "
                            + victim.substring(victim.indexOf('@') + 1),
                    null,
                    false,
                    false);
        }
    }

    private record Plan(When when, Set<String> addresses, int at, int[] seen) {}

    private static final AtomicReference<Plan> ARMED = new AtomicReference<>();
    private static final AtomicReference<String> VICTIM = new AtomicReference<>();
    private static volatile CountDownLatch struck = new CountDownLatch(1);

    /** Kill at the {@code nth} send to one of {@code addresses}. */
    static void arm(When when, Set<String> addresses, int nth) {
        VICTIM.set(null);
        struck = new CountDownLatch(1);
        ARMED.set(new Plan(when, Set.copyOf(addresses), nth, new int[1]));
    }

    static void disarm() {
        ARMED.set(null);
    }

    /** The address whose send the dispatcher died in, once it has. */
    static Optional<String> awaitKill(long seconds) throws InterruptedException {
        struck.await(seconds, TimeUnit.SECONDS);
        return Optional.ofNullable(VICTIM.get());
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        strike(context.request(), When.BEFORE_THE_HAND_OVER);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        strike(context.request(), When.AFTER_SES_ACCEPTED);
    }

    private static void strike(Object request, When now) {
        Plan plan = ARMED.get();
        if (plan == null || plan.when() != now || !(request instanceof SendEmailRequest send)) {
            return;
        }
        List<String> to =
                send.destination() == null ? List.of() : send.destination().toAddresses();
        if (to.stream().noneMatch(plan.addresses()::contains)) {
            return;
        }
        synchronized (plan) {
            if (++plan.seen()[0] != plan.at() || !ARMED.compareAndSet(plan, null)) {
                return;
            }
        }
        VICTIM.set(to.get(0));
        struck.countDown();
        throw new Killed(to.get(0));
    }
}
