package io.inventory.events.registry;

/**
 * One version of a subject as the registry stores it ({@code GET
 * /subjects/{subject}/versions/{n}}).
 *
 * @param subject the subject, e.g. {@code
 *     inventory.dev.events-io.inventory.events.avro.StockLevelChanged}
 * @param version the subject's version number, from 1
 * @param id the registry-wide schema id written into every Confluent frame
 * @param schemaType {@code AVRO} unless the registry says otherwise
 * @param schema the schema text exactly as registered
 */
public record RegisteredSchema(
    String subject, int version, int id, String schemaType, String schema) {}
