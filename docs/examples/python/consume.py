#!/usr/bin/env python3
"""Print the events of inventory.<env>.events as JSON in the seed's shape, one per line.

    consume.py --bootstrap-servers HOST:PORT --registry URL [--env dev | --topic NAME]
               [--group inventory-processor-group] [--max N]

Starts from the earliest offset when the group has none, commits an offset only after its event was
handled (printed), and stops after --max events. Needs python3-confluent-kafka and python3-avro.
"""
import sys

from confluent_kafka import Consumer, KafkaException

from channel import SchemaRegistry, channel_arguments, decode, to_json, topic_of


def main():
    arguments = parse_arguments()
    registry = SchemaRegistry(arguments.registry)
    consumer = Consumer({
        "bootstrap.servers": arguments.bootstrap_servers,
        "group.id": arguments.group,
        "auto.offset.reset": "earliest",
        # Offsets are stored only after an event was handled, then committed in the background (every
        # 5 s and on close): at-least-once without a synchronous commit per record.
        "enable.auto.offset.store": False,
    })
    consumer.subscribe([topic_of(arguments)])
    handled = 0
    try:
        while arguments.max is None or handled < arguments.max:
            record = consumer.poll(1.0)
            if record is None:
                continue
            if record.error() is not None:
                raise KafkaException(record.error())
            handle(decode(record.value(), registry))
            consumer.store_offsets(message=record)
            handled += 1
    finally:
        consumer.close()


def handle(event):
    """Your logic goes here. Every event type arrives: dispatch on eventType, skip the unknown ones."""
    print(to_json(event), flush=True)


def parse_arguments():
    parser = channel_arguments(__doc__)
    parser.add_argument("--group", default="inventory-processor-group")
    parser.add_argument("--max", type=int, help="stop after this many events (default: run until stopped)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
