#!/usr/bin/env python3
"""Publish the seed page's STOCK_LEVEL_CHANGED event to inventory.<env>.events from Python.

    produce.py --bootstrap-servers HOST:PORT --registry URL [--env dev | --topic NAME]
               [--product-id PROD-456 ...]

One event per --product-id. Prints one JSON line per acknowledged record: productId, eventId,
timestamp, partition and offset. Needs Debian's python3-confluent-kafka and python3-avro.
"""
import sys
import uuid
from datetime import date, datetime, timezone

from confluent_kafka import Producer

from channel import SchemaRegistry, channel_arguments, encode, quantity, to_json, topic_of

RECORD = "io.inventory.events.avro.StockLevelChanged"


def stock_level_changed(product_id):
    return {
        "eventId": str(uuid.uuid4()),
        "eventType": "STOCK_LEVEL_CHANGED",
        "timestamp": datetime.now(timezone.utc),  # aware: the writer refuses a naive utcnow()
        "version": "1.0",
        "payload": {
            "productId": product_id,
            "locationId": "WH-123",
            "previousQuantity": quantity("100"),
            "newQuantity": quantity("95"),
            "changeReason": "ORDER_FULFILLED",
            "unitOfMeasure": "EACH",
            "batchInfo": {"batchId": "BATCH-789", "expiryDate": date(2025, 12, 31)},
        },
        "metadata": {"source": "warehouse_system", "correlationId": "inv-xyz-123", "userId": "john.doe"},
    }


def main():
    arguments = parse_arguments()
    topic = topic_of(arguments)
    # TopicRecordNameStrategy: one subject per topic and event type, registered by the release pipeline.
    schema_id, schema = SchemaRegistry(arguments.registry).latest(f"{topic}-{RECORD}")
    producer = Producer({
        "bootstrap.servers": arguments.bootstrap_servers,
        # Java's partitioner (murmur2 of the key). librdkafka's default, consistent_random, hashes with
        # CRC32 and sends most products to another partition than Java producers do: order is lost.
        "partitioner": "murmur2_random",
        "enable.idempotence": True,  # also sets acks=all
    })
    failures = []
    for product_id in arguments.product_id:
        event = stock_level_changed(product_id)
        producer.produce(
            topic,
            key=product_id.encode("utf-8"),
            value=encode(schema_id, schema, event),
            headers=[("event-type", event["eventType"]), ("event-id", event["eventId"]),
                     ("correlation-id", event["metadata"]["correlationId"])],
            on_delivery=delivery_report(event, failures))
    if producer.flush(30) > 0 or failures:
        sys.exit(f"not delivered: {failures or 'timed out after 30 s'}")


def delivery_report(event, failures):
    """Prints where an acknowledged event landed; collects the failures."""
    def report(error, record):
        if error is not None:
            failures.append(f"{event['payload']['productId']}: {error}")
            return
        print(to_json({"productId": event["payload"]["productId"], "eventId": event["eventId"],
                       "timestamp": event["timestamp"], "partition": record.partition(),
                       "offset": record.offset()}), flush=True)
    return report


def parse_arguments():
    parser = channel_arguments(__doc__)
    parser.add_argument("--product-id", action="append", help="repeat for several events (default PROD-456)")
    arguments = parser.parse_args()
    arguments.product_id = arguments.product_id or ["PROD-456"]
    return arguments


if __name__ == "__main__":
    main()
