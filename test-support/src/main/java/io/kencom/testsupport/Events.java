package io.kencom.testsupport;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.EventContract;
import io.kencom.local.KafkaBroker;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes an event to the real broker exactly as a producing service would (CloudEvents headers, its contract's
 * topic, keyed by subject): what a test does in place of a service that does not exist yet, or is not under test.
 */
public final class Events {

    private Events() {
    }

    public static CloudEvent publish(DomainEvent event) {
        CloudEvent envelope = CloudEvent.of(UUID.randomUUID(), "/test", event, Instant.now());
        publish(envelope);
        return envelope;
    }

    public static void publish(CloudEvent envelope) {
        publish(RealInfrastructure.kafka(), envelope);
    }

    /** To another broker than the stack's (the platform tests' own). */
    public static void publish(KafkaBroker broker, CloudEvent envelope) {
        try (Publisher publisher = publisher(broker)) {
            publisher.send(envelope);
        }
    }

    /** A producer to keep for many events (a benchmark's), each sent and acknowledged in turn. */
    public static Publisher publisher(KafkaBroker broker) {
        return new Publisher(broker, Map.of());
    }

    /** With producer settings of the caller's, e.g. an insurer's batches: compression and a larger request. */
    public static Publisher publisher(KafkaBroker broker, Map<String, String> settings) {
        return new Publisher(broker, settings);
    }

    public static final class Publisher implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final java.util.concurrent.atomic.AtomicReference<Exception> failed =
                new java.util.concurrent.atomic.AtomicReference<>();

        private Publisher(KafkaBroker broker, Map<String, String> settings) {
            Properties p = new Properties();
            p.putAll(broker.clientConfig(KafkaBroker.ADMIN)); // standing in for any producer: the administrator
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
            p.putAll(settings);
            producer = new KafkaProducer<>(p);
        }

        /** Sends the event to its contract's topic, keyed by its subject, and waits for the broker's ack. */
        public void send(CloudEvent envelope) {
            try {
                producer.send(record(envelope)).get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish a test event", e);
            }
        }

        /** Sends without waiting (a bulk load's); {@link #flush} waits for all of them and fails if one failed. */
        public void sendWithoutWaiting(CloudEvent envelope) {
            producer.send(record(envelope), (metadata, e) -> {
                if (e != null) {
                    failed.compareAndSet(null, e);
                }
            });
        }

        public void flush() {
            producer.flush();
            if (failed.get() != null) {
                throw new IllegalStateException("cannot publish an event", failed.get());
            }
        }

        private static ProducerRecord<String, String> record(CloudEvent envelope) {
            ProducerRecord<String, String> record = new ProducerRecord<>(envelope.contract().topic().topicName(),
                    envelope.subject(), envelope.data());
            envelope.headers().forEach((k, v) -> record.headers().add(k, v));
            return record;
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** A reader of the topic an event type goes to, from now on. */
    public static TopicReader readerOf(EventContract contract) {
        return TopicReader.fromNow(RealInfrastructure.kafka(), contract.topic().topicName());
    }
}
