// Decodes one Confluent frame (hex on stdin) with @kafkajs/confluent-schema-registry as it comes,
// without logical types, and prints what a StockLevelChanged's decimal, timestamp and date become.
//
//   node plain-decode.mjs REGISTRY_URL < frame.hex
import { readFileSync } from 'node:fs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

const registry = new SchemaRegistry({ host: process.argv[2] });
const event = await registry.decode(Buffer.from(readFileSync(0, 'utf8').trim(), 'hex'));
const describe = (value) => ({ type: Buffer.isBuffer(value) ? 'Buffer' : typeof value, value: Buffer.isBuffer(value) ? value.toString('hex') : value });
console.log(JSON.stringify({
  newQuantity: describe(event.payload.newQuantity),
  timestamp: describe(event.timestamp),
  expiryDate: describe(event.payload.batchInfo.expiryDate),
}));
