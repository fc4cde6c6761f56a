// Registers the schema on stdin under SUBJECT with @kafkajs/confluent-schema-registry's register(),
// with its default options, and prints what happened: "registered ID" or "refused: MESSAGE".
//
//   node register.mjs REGISTRY_URL SUBJECT < schema.json
import { readFileSync } from 'node:fs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';

const [url, subject] = process.argv.slice(2);
const registry = new SchemaRegistry({ host: url });
try {
  const { id } = await registry.register({ type: SchemaType.AVRO, schema: readFileSync(0, 'utf8') }, { subject });
  console.log(`registered ${id}`);
} catch (error) {
  console.log(`refused: ${error.message}`);
}
