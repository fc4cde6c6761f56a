"""Writes 95 as decimal(18,3) with Python's avro, once as Decimal("95"), once quantized to the scale.

Prints the two Avro encodings in hex, one per line, for LanguageTrapsTest to decode with Java.
"""
import io
from decimal import Decimal

import avro.io
import avro.schema

QUANTITY = avro.schema.parse('{"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 3}')

for value in (Decimal("95"), Decimal("95").quantize(Decimal("0.001"))):
    out = io.BytesIO()
    avro.io.DatumWriter(QUANTITY).write(value, avro.io.BinaryEncoder(out))
    print(out.getvalue().hex())
