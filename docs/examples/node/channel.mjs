// The inventory-events wire format in Node: @kafkajs/confluent-schema-registry does the Confluent
// framing (byte 0, 4-byte schema id, Avro binary) and fetches schemas; avsc encodes and decodes.
//
// avsc knows no Avro logical type by itself: without the three below a decimal(18,3) arrives as the
// raw two's-complement bytes of its unscaled value (95.000 is <Buffer 01 73 18>), a timestamp-micros
// as a number of microseconds and a date as a number of days. With them, events use the seed's
// JSON shape: a Decimal for each quantity, ISO-8601 strings for timestamps and dates.
import { parseArgs } from 'node:util';
import avro from 'avsc';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';

/** A decimal value, exact: the unscaled integer and the scale (95.000 is 95000n at scale 3). */
export class Decimal {
  constructor(unscaled, scale) {
    this.unscaled = unscaled;
    this.scale = scale;
  }

  /** Parses "95", "-2.5" or 2.5 at `scale`; refuses more decimal places than the scale holds. */
  static of(value, scale) {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value));
    if (!match || (match[3] ?? '').length > scale) {
      throw new RangeError(`${value} is not a decimal with at most ${scale} decimal places`);
    }
    const digits = BigInt(match[2] + (match[3] ?? '').padEnd(scale, '0'));
    return new Decimal(match[1] ? -digits : digits, scale);
  }

  /** Plain notation without trailing zeros: 95.000 is "95", 2.500 is "2.5". */
  toString() {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale).replace(/0+$/, '');
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }
}

class DecimalType extends avro.types.LogicalType {
  constructor(attributes, options) {
    super(attributes, options);
    this.scale = attributes.scale ?? 0;
  }

  _fromValue(bytes) {
    const unsigned = bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
    return new Decimal(BigInt.asIntN(bytes.length * 8, unsigned), this.scale);
  }

  _toValue(value) {
    const { unscaled } = value instanceof Decimal ? Decimal.of(value.toString(), this.scale) : Decimal.of(value, this.scale);
    let length = 1; // the fewest bytes that hold the value in two's complement, as Java writes it
    while (unscaled < -(1n << BigInt(8 * length - 1)) || unscaled >= 1n << BigInt(8 * length - 1)) {
      length += 1;
    }
    const hex = BigInt.asUintN(8 * length, unscaled).toString(16).padStart(2 * length, '0');
    return Buffer.from(hex, 'hex');
  }
}

class TimestampMicrosType extends avro.types.LogicalType {
  _fromValue(micros) {
    const millis = Math.floor(micros / 1000);
    const extra = String(micros - millis * 1000).padStart(3, '0');
    return new Date(millis).toISOString().replace(/\.(\d{3})Z$/, `.$1${extra}Z`);
  }

  /** An ISO-8601 string with up to six decimals (microseconds are kept), or a Date. */
  _toValue(value) {
    if (value instanceof Date) {
      return value.getTime() * 1000;
    }
    const match = /^(.+T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/.exec(value);
    if (!match) {
      throw new RangeError(`${value} is not an ISO-8601 timestamp with a zone`);
    }
    const fraction = (match[2] ?? '').padEnd(6, '0');
    return Date.parse(`${match[1]}${match[3]}`) * 1000 + Number(fraction);
  }
}

class DateType extends avro.types.LogicalType {
  _fromValue(days) {
    return new Date(days * 86_400_000).toISOString().slice(0, 10);
  }

  _toValue(isoDate) {
    return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
  }
}

/** A registry client whose events carry Decimals and ISO strings instead of bytes and numbers. */
export function schemaRegistry(url) {
  const logicalTypes = { decimal: DecimalType, 'timestamp-micros': TimestampMicrosType, date: DateType };
  return new SchemaRegistry({ host: url }, { [SchemaType.AVRO]: { logicalTypes } });
}

/** The seed's JSON shape of a decoded event: decimals written as numbers, exactly. */
export function toJson(value) {
  if (value instanceof Decimal) {
    return value.toString(); // JSON.stringify would need a lossy Number
  }
  if (Array.isArray(value)) {
    return `[${value.map(toJson).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${toJson(item)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The command line: what every client of the channel needs (--bootstrap-servers, --registry, and
 * --env or --topic) plus `more` options in node:util parseArgs form. Exits 2 naming a missing option.
 */
export function channelArguments(more = {}) {
  const { values: options } = parseArgs({
    options: {
      'bootstrap-servers': { type: 'string' },
      registry: { type: 'string' },
      env: { type: 'string', default: 'dev' },
      topic: { type: 'string' },
      ...more,
    },
  });
  const missing = ['bootstrap-servers', 'registry'].find((name) => options[name] === undefined);
  if (missing) {
    console.error(`--${missing} is required`);
    process.exit(2);
  }
  return { ...options, topic: options.topic ?? `inventory.${options.env}.events` };
}
