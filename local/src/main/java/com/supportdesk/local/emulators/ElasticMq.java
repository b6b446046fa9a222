package com.supportdesk.local.emulators;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, an SQS-compatible server, running inside this JVM on a free loopback port: the real SQS
 * protocol over HTTP (the SDK's {@code SqsClient} talks to it unchanged), visibility timeouts, receive
 * counts and dead-letter queues. Queues live in memory for one run.
 *
 * <p>Region and account match the other local ARNs, so a queue's ARN here is the one the template's
 * {@code Fn::GetAtt Queue.Arn} resolves to locally.
 */
public final class ElasticMq implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;

    private ElasticMq(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static ElasticMq start(String region, String account) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(region)
                .withAWSAccountId(account)
                .start();
        try {
            int port = server.waitUntilStarted().localAddress().getPort();
            return new ElasticMq(server, URI.create("http://127.0.0.1:" + port));
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Unbinds the port and stops ElasticMQ's actor system, so that no thread of it is left. */
    @Override
    public void close() {
        server.stopAndWait();
    }
}
