"""Produces one record per key with librdkafka's default partitioner; prints "key partition" lines.

    default_partitioner.py BOOTSTRAP_SERVERS TOPIC KEY...
"""
import sys

from confluent_kafka import Producer

bootstrap_servers, topic, keys = sys.argv[1], sys.argv[2], sys.argv[3:]
producer = Producer({"bootstrap.servers": bootstrap_servers})  # no "partitioner": the default
for key in keys:
    producer.produce(topic, key=key.encode("utf-8"), value=b"x",
                     on_delivery=lambda error, record: print(record.key().decode(), record.partition()))
if producer.flush(30) > 0:
    sys.exit("not delivered within 30 s")
