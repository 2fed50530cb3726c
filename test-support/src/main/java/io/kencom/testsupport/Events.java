package io.kencom.testsupport;

import io.kencom.contracts.CloudEvent;
import io.kencom.contracts.DomainEvent;
import io.kencom.contracts.EventContract;
import io.kencom.contracts.Topic;
import io.kencom.local.KafkaBroker;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
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

    /** The Kafka record of an event for {@code topic}: keyed by its subject, its CloudEvents headers, its data. */
    public static ProducerRecord<String, String> record(String topic, CloudEvent envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, envelope.subject(), envelope.data());
        envelope.headers().forEach((k, v) -> record.headers().add(k, v));
        return record;
    }

    public static final class Publisher implements AutoCloseable {

        private final KafkaBroker broker;
        private final Set<String> ready = ConcurrentHashMap.newKeySet();
        private final KafkaProducer<String, String> producer;
        private final AtomicReference<Exception> failed =
                new AtomicReference<>();

        private Publisher(KafkaBroker broker, Map<String, String> settings) {
            this.broker = broker;
            Properties p = new Properties();
            p.putAll(broker.clientConfig(KafkaBroker.ADMIN)); // standing in for any producer: the administrator
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
            p.putAll(settings);
            producer = new KafkaProducer<>(p);
        }

        /** Sends the event to its topic, keyed by its subject, and waits for the broker's ack. */
        public void send(CloudEvent envelope) {
            sendTo(topicOf(envelope), envelope);
        }

        /**
         * Sends the event to {@code topic}, whatever its own is: what a producer does that writes an event where it
         * does not belong (an insurer's news into another insurer's roster topic).
         */
        public void sendTo(String topic, CloudEvent envelope) {
            try {
                producer.send(record(made(topic), envelope)).get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish a test event", e);
            }
        }

        /** Sends without waiting (a bulk load's); {@link #flush} waits for all of them and fails if one failed. */
        public void sendWithoutWaiting(CloudEvent envelope) {
            producer.send(record(made(topicOf(envelope)), envelope), (metadata, e) -> {
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

        /** The event's topic; its data is read only when the topic depends on it (a poison message's is not). */
        private static String topicOf(CloudEvent envelope) {
            EventContract contract = envelope.contract();
            return contract.topic().perInsurer() ? contract.topicName(envelope.event()) : contract.topic().topicName();
        }

        /** {@code topic}, made first if it is an insurer's roster topic that does not exist yet (as ops would). */
        private String made(String topic) {
            if (!ready.contains(topic)) { // once per topic: a bulk load sends millions
                Topic.named(topic).filter(Topic::perInsurer).ifPresent(t -> InsurerTopics.of(broker).ensure(topic, t));
                ready.add(topic);
            }
            return topic;
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /**
     * The insurers' roster topics this JVM made on a broker (a test's insurers are new each run): deleted when the
     * JVM ends, so a developer's broker does not gather a topic per test insurer, and the roster consumers of later
     * runs, which read a new topic from its start, have no old runs' events to read.
     */
    private static final class InsurerTopics {

        private static final Map<String, InsurerTopics> BY_BROKER = new ConcurrentHashMap<>();

        private final KafkaBroker broker;
        private final Set<String> known = ConcurrentHashMap.newKeySet();
        private final Set<String> made = ConcurrentHashMap.newKeySet();

        private InsurerTopics(KafkaBroker broker) {
            this.broker = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(this::deleteMade, "delete-test-roster-topics"));
        }

        static InsurerTopics of(KafkaBroker broker) {
            return BY_BROKER.computeIfAbsent(broker.bootstrapServers(), b -> new InsurerTopics(broker));
        }

        synchronized void ensure(String topic, Topic settings) {
            if (known.add(topic)) {
                try (Admin admin = broker.admin()) {
                    made.addAll(KafkaBroker.createTopics(admin, Map.of(topic, settings)));
                }
            }
        }

        private void deleteMade() {
            if (made.isEmpty()) {
                return;
            }
            try (Admin admin = broker.admin()) {
                admin.deleteTopics(made).all().get(10, TimeUnit.SECONDS);
            } catch (Exception e) { // the broker may be gone already (a dedicated one): nothing left to tidy
                System.err.println("could not delete the test roster topics " + made + ": " + e);
            }
        }
    }

    /** A reader of the topic an event type goes to, from now on. */
    public static TopicReader readerOf(EventContract contract) {
        return TopicReader.fromNow(RealInfrastructure.kafka(), contract.topic().topicName());
    }
}
