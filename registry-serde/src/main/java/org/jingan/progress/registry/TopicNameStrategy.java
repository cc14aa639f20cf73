package org.jingan.progress.registry;

/** Confluent's default subject naming: one subject per topic and key/value. */
public final class TopicNameStrategy {

    private TopicNameStrategy() {
    }

    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
