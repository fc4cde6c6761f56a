#!/usr/bin/env node
// Publish the seed page's STOCK_LEVEL_CHANGED event to inventory.<env>.events from Node.
//
//   node produce.mjs --bootstrap-servers HOST:PORT --registry URL [--env dev | --topic NAME]
//                    [--product-id PROD-456 ...]
//
// One event per --product-id. Prints one JSON line per acknowledged record: productId, eventId,
// timestamp, partition and offset.
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { Decimal, channelArguments, schemaRegistry, toJson } from './channel.mjs';

const RECORD = 'io.inventory.events.avro.StockLevelChanged';

function stockLevelChanged(productId) {
  return {
    eventId: randomUUID(),
    eventType: 'STOCK_LEVEL_CHANGED',
    timestamp: new Date().toISOString(),
    version: '1.0',
    payload: {
      productId,
      locationId: 'WH-123',
      previousQuantity: Decimal.of('100', 3),
      newQuantity: Decimal.of('95', 3),
      changeReason: 'ORDER_FULFILLED',
      unitOfMeasure: 'EACH',
      batchInfo: { batchId: 'BATCH-789', expiryDate: '2025-12-31' },
    },
    metadata: { source: 'warehouse_system', correlationId: 'inv-xyz-123', userId: 'john.doe' },
  };
}

const options = channelArguments({
  'product-id': { type: 'string', multiple: true, default: ['PROD-456'] },
});
const { topic } = options;
const registry = schemaRegistry(options.registry);
// TopicRecordNameStrategy: one subject per topic and event type, registered by the release pipeline.
const schemaId = await registry.getLatestSchemaId(`${topic}-${RECORD}`).catch((error) => {
  throw error.status === 404
    ? new Error(`${options.registry} has no subject ${topic}-${RECORD}: the release pipeline registers it `
      + '(in dev, a Java publisher with auto.register.schemas=true does)')
    : error;
});

const kafka = new Kafka({ brokers: options['bootstrap-servers'].split(','), logLevel: logLevel.WARN });
const producer = kafka.producer({
  // Java's partitioner (murmur2 of the key), so each product keeps its partition and its order.
  createPartitioner: Partitioners.DefaultPartitioner,
  idempotent: true, // with acks=all (-1), the default of send()
  maxInFlightRequests: 1,
});
await producer.connect();
try {
  for (const productId of options['product-id']) {
    const event = stockLevelChanged(productId);
    const [written] = await producer.send({
      topic,
      acks: -1,
      messages: [{
        key: productId,
        value: await registry.encode(schemaId, event),
        headers: { 'event-type': event.eventType, 'event-id': event.eventId, 'correlation-id': event.metadata.correlationId },
      }],
    });
    console.log(toJson({ productId, eventId: event.eventId, timestamp: event.timestamp,
      partition: written.partition, offset: Number(written.baseOffset) }));
  }
} finally {
  await producer.disconnect();
}
