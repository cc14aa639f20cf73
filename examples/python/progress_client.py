#!/usr/bin/env python3
"""The progress pipeline from Python, with Confluent's client (confluent-kafka) and its legacy Avro serializer, as
Debian packages them: apt-get install python3-confluent-kafka python3-avro python3-requests.

    python3 progress_client.py read [--target ID]
        reads target-progress, progress-alerts and targets to their current end, decoding every record through the
        schema registry; prints one JSON line per topic (and the latest value of ID on each, if given)
    python3 progress_client.py report TARGET_ID DEPARTMENT_ID KIND VALUE UNIT [--event-time ISO] [--event-id ID]
        writes one progress report to progress-events with the client's default partitioner; prints where it went

Environment (defaults: the local stack, run from the repository's root):
    BOOTSTRAP_SERVERS     127.0.0.1:9092
    SCHEMA_REGISTRY_URL   http://127.0.0.1:8085/apis/ccompat/v7
    READER_LOGIN          data/credentials/reader.properties             (read: the reader principal)
    PRODUCER_LOGIN        data/credentials/external-producer.properties  (report: the external-producer principal)
    REGISTRY_USER_INFO    user:password on the registry; default: the login file's basic.auth.user.info
"""
import argparse
import datetime
import json
import os
import sys
import uuid

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

OUTPUTS = ["target-progress", "progress-alerts", "targets"]
EVENTS = "progress-events"


def properties(path):
    """A Java properties file as written by the pipeline (one key=value a line, ':' and '=' escaped)."""
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#!":
                continue
            key, value, escaped, in_value = "", "", False, False
            for ch in line:
                if escaped:
                    value, key = (value + ch, key) if in_value else (value, key + ch)
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif not in_value and ch in "=:":
                    in_value = True
                elif in_value:
                    value += ch
                else:
                    key += ch
            values[key.strip()] = value.strip()
    return values


def login(variable, default):
    """(user, password, registry user:password) from a login file: the same login on Kafka and on the registry."""
    user_info = properties(os.environ.get(variable, default))["basic.auth.user.info"]
    user, password = user_info.split(":", 1)
    return user, password, os.environ.get("REGISTRY_USER_INFO", user_info)


def kafka_settings(user, password):
    debug = {"debug": os.environ["KAFKA_DEBUG"]} if os.environ.get("KAFKA_DEBUG") else {}  # e.g. security,broker
    return {**debug,
        "bootstrap.servers": os.environ.get("BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanisms": "SCRAM-SHA-512",
        "sasl.username": user,
        "sasl.password": password,
    }


def registry(user_info):
    return CachedSchemaRegistryClient({
        "url": os.environ.get("SCHEMA_REGISTRY_URL", "http://127.0.0.1:8085/apis/ccompat/v7"),
        "basic.auth.credentials.source": "USER_INFO",
        "basic.auth.user.info": user_info,
    })


def read(target):
    user, password, user_info = login("READER_LOGIN", "data/credentials/reader.properties")
    serde = MessageSerializer(registry(user_info))
    consumer = Consumer({**kafka_settings(user, password),
                         "group.id": "progress-reader-python-example",  # the reader may use progress-reader-* groups
                         "enable.auto.commit": False,
                         "enable.partition.eof": True,  # says when a partition is read to its end
                         "isolation.level": "read_committed"})  # the outputs are written in transactions
    try:
        for topic in OUTPUTS:
            partitions = consumer.list_topics(topic, timeout=30).topics[topic].partitions
            assigned = []
            for p in partitions:
                low, high = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=30)
                if high > low:
                    assigned.append(TopicPartition(topic, p, low))
            consumer.assign(assigned)
            waiting, decoded, latest = {tp.partition for tp in assigned}, 0, {}
            while waiting:
                message = consumer.poll(10.0)
                if message is None:
                    continue
                if message.error():
                    if message.error().code() == KafkaError._PARTITION_EOF:
                        waiting.discard(message.partition())
                        continue
                    raise RuntimeError(message.error().str())
                key = message.key().decode("utf-8")  # keys are UTF-8 strings: the target id (alerts: targetId/KIND)
                latest[key] = serde.decode_message(message.value())  # the registry gives the writer's schema by id
                decoded += 1
            consumer.unassign()
            print(json.dumps({"topic": topic, "decoded": decoded, "keys": len(latest)}))
            if target and target in latest:
                print(json.dumps({"topic": topic, "key": target, "value": latest[target]}, default=str,
                                 ensure_ascii=False))
    finally:
        consumer.close()


def report(args):
    user, password, user_info = login("PRODUCER_LOGIN", "data/credentials/external-producer.properties")
    client = registry(user_info)
    # the pipeline's registry registers schemas at deploy time only: use the subject's latest schema and its id
    schema_id, schema, _ = client.get_latest_schema(EVENTS + "-value")
    if schema_id is None:
        raise RuntimeError("no schema registered under " + EVENTS + "-value")
    event_time = datetime.datetime.fromisoformat(args.event_time) if args.event_time \
        else datetime.datetime.now(datetime.timezone.utc)
    event = {
        "eventId": args.event_id or str(uuid.uuid4()),  # the same id sent twice counts once: retry with the same id
        "targetId": args.target,
        "departmentId": args.department,
        "reporter": "python-example",
        "kind": args.kind,
        "value": args.value,
        "unit": args.unit,
        "eventTime": event_time,  # timestamp-millis: a timezone-aware datetime
        "reportedAt": event_time,
        "correctsEventId": None,
        "note": None,
        "channel": "SENSOR",
    }
    value = MessageSerializer(client).encode_record_with_schema_id(schema_id, event)
    producer = Producer({**kafka_settings(user, password), "acks": "all"})  # the default partitioner, on purpose
    delivered = []
    producer.produce(EVENTS, key=args.target.encode("utf-8"), value=value,
                     on_delivery=lambda err, msg: delivered.append((err, msg)))
    producer.flush(30)
    if not delivered or delivered[0][0] is not None:
        raise RuntimeError("not delivered: %s" % (delivered[0][0] if delivered else "timed out"))
    message = delivered[0][1]
    print(json.dumps({"eventId": event["eventId"], "topic": message.topic(), "partition": message.partition(),
                      "offset": message.offset()}))


def main():
    parser = argparse.ArgumentParser(description="The progress pipeline from Python")
    commands = parser.add_subparsers(dest="command", required=True)
    read_command = commands.add_parser("read", help="decode the three output topics")
    read_command.add_argument("--target", help="also print the latest value of this key on each topic")
    report_command = commands.add_parser("report", help="write one progress report")
    report_command.add_argument("target")
    report_command.add_argument("department")
    report_command.add_argument("kind", choices=["INCREMENT", "CUMULATIVE_TO_DATE", "LEVEL"])
    report_command.add_argument("value", type=float)
    report_command.add_argument("unit")
    report_command.add_argument("--event-time", help="ISO date-time with offset, e.g. 2020-06-29T12:00:00+08:00")
    report_command.add_argument("--event-id")
    args = parser.parse_args()
    if args.command == "read":
        read(args.target)
    else:
        report(args)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line, no stack trace, exit 1
        print("progress_client: %s" % e, file=sys.stderr)
        sys.exit(1)
