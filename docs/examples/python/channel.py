"""The inventory-events wire format in Python: Confluent framing, the registry and the seed's JSON.

A value on inventory.<env>.events is byte 0, the writer schema's registry id (4 bytes, big-endian)
and the event in Avro binary. Schemas come from the registry (any Confluent-API registry; Apicurio at
/apis/ccompat/v7), so this module needs no .avsc file, only the standard library and Debian's
python3-avro.
"""
import argparse
import io
import json
import struct
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime, timezone
from decimal import Decimal

import avro.io
import avro.schema

MAGIC_BYTE = 0
HEADER = struct.Struct(">bI")  # magic byte, schema id


class SchemaRegistry:
    """Looks schemas up in a Confluent-API registry and keeps each one it has seen."""

    def __init__(self, url):
        self._url = url.rstrip("/")
        self._by_id = {}

    def latest(self, subject):
        """The (id, schema) registered last under subject."""
        try:
            answer = self._get(f"/subjects/{urllib.parse.quote(subject, safe='')}/versions/latest")
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise
            raise LookupError(f"{self._url} has no subject {subject}: the release pipeline registers it "
                              "(in dev, a Java publisher with auto.register.schemas=true does)") from None
        schema = avro.schema.parse(answer["schema"])
        self._by_id[answer["id"]] = schema
        return answer["id"], schema

    def by_id(self, schema_id):
        """The writer schema of a frame, fetched once per id."""
        if schema_id not in self._by_id:
            answer = self._get(f"/schemas/ids/{schema_id}")
            self._by_id[schema_id] = avro.schema.parse(answer["schema"])
        return self._by_id[schema_id]

    def _get(self, path):
        request = urllib.request.Request(
            self._url + path, headers={"Accept": "application/vnd.schemaregistry.v1+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)


def channel_arguments(description):
    """A command line with what every client of the channel needs: where Kafka and the registry are,
    and the topic (inventory.<env>.events, or --topic). Add your own options, then call parse_args."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--registry", required=True, help="Confluent-API base URL, e.g. http://host:8080/apis/ccompat/v7")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--env", choices=["dev", "sit", "prod"], default="dev")
    where.add_argument("--topic", help="a topic other than inventory.<env>.events")
    return parser


def topic_of(arguments):
    return arguments.topic or f"inventory.{arguments.env}.events"


def encode(schema_id, schema, event):
    """One Confluent-framed value. Decimals must already be at the schema's scale (see quantity)."""
    out = io.BytesIO()
    out.write(HEADER.pack(MAGIC_BYTE, schema_id))
    avro.io.DatumWriter(schema).write(event, avro.io.BinaryEncoder(out))
    return out.getvalue()


def decode(value, registry):
    """The event in a Confluent-framed value, as Python values (Decimal, datetime, date)."""
    magic, schema_id = HEADER.unpack_from(value)
    if magic != MAGIC_BYTE:
        raise ValueError(f"not a Confluent frame: the first byte is {magic}, not 0")
    decoder = avro.io.BinaryDecoder(io.BytesIO(value[HEADER.size:]))
    return avro.io.DatumReader(registry.by_id(schema_id)).read(decoder)


def quantity(text, scale=3):
    """A decimal at the schema's scale: quantity("95") is Decimal("95.000").

    Python's avro writer encodes a Decimal's digits and ignores its exponent, so Decimal("95") goes
    out as the unscaled value 95 and every reader of decimal(18,3) sees 0.095. Quantize first.
    """
    return Decimal(text).quantize(Decimal(1).scaleb(-scale))


def to_json(value):
    """The seed's JSON shape: decimals as numbers, timestamps and dates as ISO-8601 strings."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    if isinstance(value, Decimal):  # json.dumps cannot write a Decimal without going through float
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return json.dumps(value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    if isinstance(value, date):
        return json.dumps(value.isoformat())
    return json.dumps(value)
