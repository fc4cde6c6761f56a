// Avro schemas as AsyncAPI (JSON Schema) payloads that the html-template renders in full.
//
// The template renders an Avro payload through @asyncapi/avro-schema-parser, which drops what an
// architect reviews: decimal, timestamp-micros and date become plain bytes, long and int, and a type
// defined in another .avsc file (BatchInfo, EventMetadata, every shared enum) becomes "any". Here each
// field keeps its JSON form (the shape of the document's examples: decimals as numbers, timestamps and
// dates as ISO-8601 strings), its Avro logical type as the JSON Schema "format" (decimal(18,3),
// timestamp-micros, date, uuid), its doc, and the name of every named type it uses.

const NAMESPACE_SEPARATOR = '.';

const PRIMITIVES = {
  null: { type: 'null' },
  boolean: { type: 'boolean' },
  int: { type: 'integer', format: 'int' },
  long: { type: 'integer', format: 'long' },
  float: { type: 'number', format: 'float' },
  double: { type: 'number', format: 'double' },
  bytes: { type: 'string', format: 'bytes' },
  string: { type: 'string' },
};

// The contract's own field property "constraint" (checked by the publisher before sending), in JSON Schema.
const CONSTRAINTS = {
  'non-negative': { minimum: 0 },
  positive: { exclusiveMinimum: 0 },
  'non-zero': { not: { const: 0 } },
};

/** Every named type (record, enum, fixed) of a set of .avsc documents, by full name. */
export class AvroNames {
  #types = new Map();

  /** Registers the named types defined anywhere inside `schema` (an .avsc document). */
  add(schema, namespace = '') {
    if (Array.isArray(schema)) {
      schema.forEach((branch) => this.add(branch, namespace));
      return;
    }
    if (schema === null || typeof schema !== 'object') {
      return;
    }
    const ownNamespace = schema.name ? namespaceOf(schema, namespace) : namespace;
    if (schema.name && ['record', 'enum', 'fixed'].includes(schema.type)) {
      this.#types.set(fullName(schema.name, ownNamespace), { ...schema, namespace: ownNamespace });
    }
    (schema.fields ?? []).forEach((field) => this.add(field.type, ownNamespace));
    this.add(schema.items, ownNamespace);
    this.add(schema.values, ownNamespace);
    if (typeof schema.type === 'object') {
      this.add(schema.type, ownNamespace);
    }
  }

  /** The definition a type name refers to from inside `namespace`; throws naming the type if none. */
  resolve(name, namespace) {
    const found = this.#types.get(fullName(name, namespace)) ?? this.#types.get(name);
    if (!found) {
      throw new Error(`Avro type "${name}" is not defined in any schema file (namespace "${namespace}")`);
    }
    return found;
  }
}

/**
 * The AsyncAPI schema of an Avro type. `annotate` is called with each named type the conversion meets,
 * so the caller can list shared types by name.
 */
export function toJsonSchema(avro, names, namespace = '', annotate = () => {}) {
  if (typeof avro === 'string') {
    return PRIMITIVES[avro] ? { ...PRIMITIVES[avro] } : named(names.resolve(avro, namespace), names, annotate);
  }
  if (Array.isArray(avro)) {
    return union(avro, names, namespace, annotate);
  }
  if (avro.logicalType) {
    return logical(avro);
  }
  if (typeof avro.type === 'object' || (typeof avro.type === 'string' && !avro.name && !avro.items && !avro.values)) {
    return toJsonSchema(avro.type, names, namespace, annotate);
  }
  switch (avro.type) {
    case 'array':
      return { type: 'array', items: toJsonSchema(avro.items, names, namespace, annotate) };
    case 'map':
      return { type: 'object', additionalProperties: toJsonSchema(avro.values, names, namespace, annotate) };
    default:
      return named({ ...avro, namespace: namespaceOf(avro, namespace) }, names, annotate);
  }
}

/** A field's schema: its type's, with the field's doc first and a named type's own doc after it. */
function field(avroField, names, namespace, annotate) {
  const { description: typeDoc, ...schema } = toJsonSchema(avroField.type, names, namespace, annotate);
  const typeNote = schema.title && typeDoc ? `**${schema.title}**: ${typeDoc}` : undefined;
  const description = [avroField.doc, typeNote].filter(Boolean).join('\n\n');
  if (description) {
    schema.description = description;
  }
  if (avroField.default !== undefined) {
    schema.default = avroField.default;
  }
  return { ...schema, ...CONSTRAINTS[avroField.constraint] };
}

function named(definition, names, annotate) {
  const { namespace } = definition;
  annotate(definition);
  switch (definition.type) {
    case 'record': {
      const properties = {};
      const required = [];
      for (const avroField of definition.fields) {
        properties[avroField.name] = field(avroField, names, namespace, annotate);
        if (avroField.default === undefined) {
          required.push(avroField.name);
        }
      }
      return withDoc({ type: 'object', title: definition.name, properties, required }, definition);
    }
    case 'enum':
      return withDoc({ type: 'string', title: definition.name, enum: definition.symbols }, definition);
    case 'fixed':
      return withDoc({ type: 'string', title: definition.name, format: `fixed(${definition.size})` }, definition);
    default:
      throw new Error(`Unsupported Avro type ${JSON.stringify(definition.type)} in ${definition.name}`);
  }
}

function logical(avro) {
  switch (avro.logicalType) {
    case 'decimal':
      return { type: 'number', format: `decimal(${avro.precision},${avro.scale ?? 0})` };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    default: // timestamp-millis/-micros, local-timestamp-*, time-millis/-micros
      return { type: 'string', format: avro.logicalType };
  }
}

/** ["null", X]: a nullable X. A record stays a oneOf so its name shows; a plain value becomes X | null. */
function union(branches, names, namespace, annotate) {
  const nonNull = branches.filter((branch) => branch !== 'null');
  const converted = nonNull.map((branch) => toJsonSchema(branch, names, namespace, annotate));
  const nullable = nonNull.length < branches.length;
  if (converted.length === 1 && converted[0].type !== 'object' && !converted[0].enum) {
    const only = converted[0];
    return nullable ? { ...only, type: [only.type, 'null'] } : only;
  }
  return { oneOf: nullable ? [...converted, { type: 'null', title: 'null' }] : converted };
}

function withDoc(schema, definition) {
  return definition.doc ? { ...schema, description: definition.doc } : schema;
}

function namespaceOf(schema, enclosing) {
  if (schema.name?.includes(NAMESPACE_SEPARATOR)) {
    return schema.name.slice(0, schema.name.lastIndexOf(NAMESPACE_SEPARATOR));
  }
  return schema.namespace ?? enclosing;
}

function fullName(name, namespace) {
  return name.includes(NAMESPACE_SEPARATOR) || !namespace ? name : `${namespace}${NAMESPACE_SEPARATOR}${name}`;
}
