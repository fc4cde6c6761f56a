#!/usr/bin/env node
// Print the events of inventory.<env>.events as JSON in the seed's shape, one per line.
//
//   node consume.mjs --bootstrap-servers HOST:PORT --registry URL [--env dev | --topic NAME]
//                    [--group inventory-processor-group] [--max N]
//
// Starts from the earliest offset when the group has none, commits an offset only after its event was
// handled (printed), and stops after --max events.
import { Kafka, logLevel } from 'kafkajs';
import { channelArguments, schemaRegistry, toJson } from './channel.mjs';

const options = channelArguments({
  group: { type: 'string', default: 'inventory-processor-group' },
  max: { type: 'string' },
});
const { topic } = options;
const max = options.max === undefined ? Infinity : Number(options.max);
const registry = schemaRegistry(options.registry);

/** Your logic goes here. Every event type arrives: dispatch on eventType, skip the unknown ones. */
function handle(event) {
  console.log(toJson(event));
}

const kafka = new Kafka({ brokers: options['bootstrap-servers'].split(','), logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId: options.group });
let handled = 0;
let stop;
const stopped = new Promise((resolve) => { stop = resolve; });

await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
await consumer.run({
  // An offset is resolved only after its event was handled; kafkajs commits resolved offsets after
  // each batch: at-least-once, without a synchronous commit per record.
  eachBatchAutoResolve: false,
  eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
    for (const message of batch.messages) {
      if (handled >= max || !isRunning() || isStale()) {
        break;
      }
      handle(await registry.decode(message.value));
      resolveOffset(message.offset);
      handled += 1;
      await heartbeat();
    }
    if (handled >= max) {
      stop();
    }
  },
});
await stopped;
await consumer.disconnect();
