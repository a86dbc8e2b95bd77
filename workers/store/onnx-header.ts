// Reads what an import needs to know of an ONNX file (its graph's input and output names, and where
// external weights live) without reading the weights: large fields are skipped by their length.

/** What the graph declares. */
export interface OnnxHeader {
  inputs: string[];
  outputs: string[];
  /** For each external data file: the bytes the tensors need (the largest offset + length). */
  external: Map<string, number>;
}

/** Random access to a Blob through a small window: headers are read, weights are skipped. */
class BlobCursor {
  #window = new Uint8Array(0);
  #at = 0;
  constructor(readonly blob: Blob) {}

  async bytes(offset: number, length: number): Promise<Uint8Array> {
    if (offset + length > this.blob.size) throw new Error('a field runs past the end of the file');
    if (offset < this.#at || offset + length > this.#at + this.#window.length) {
      const size = Math.max(length, 1 << 16);
      this.#window = new Uint8Array(await this.blob.slice(offset, offset + size).arrayBuffer());
      this.#at = offset;
    }
    return this.#window.subarray(offset - this.#at, offset - this.#at + length);
  }

  async varint(offset: number): Promise<[value: number, next: number]> {
    let value = 0;
    for (let i = 0; i < 10; i += 1) {
      const [byte] = await this.bytes(offset + i, 1);
      value += (byte! & 0x7f) * 2 ** (7 * i);
      if (byte! < 0x80) return [value, offset + i + 1];
    }
    throw new Error('a malformed number');
  }
}

type Field = { field: number; wire: number; start: number; end: number; value: number };

/** The fields of one message in [start, end): varints carry their value, the rest their byte range. */
async function* fields(cursor: BlobCursor, start: number, end: number): AsyncGenerator<Field> {
  let at = start;
  while (at < end) {
    const [tag, afterTag] = await cursor.varint(at);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new Error('a field numbered 0');
    if (wire === 0) {
      const [value, next] = await cursor.varint(afterTag);
      yield { field, wire, start: afterTag, end: next, value };
      at = next;
    } else if (wire === 2) {
      const [length, body] = await cursor.varint(afterTag);
      if (body + length > end) throw new Error('a field runs past its message');
      yield { field, wire, start: body, end: body + length, value: length };
      at = body + length;
    } else if (wire === 1 || wire === 5) {
      at = afterTag + (wire === 1 ? 8 : 4);
      yield { field, wire, start: afterTag, end: at, value: 0 };
    } else throw new Error(`an unknown wire type ${wire}`);
  }
  if (at !== end) throw new Error('a message that does not end where it should');
}

const text = async (cursor: BlobCursor, f: Field) =>
  new TextDecoder().decode(await cursor.bytes(f.start, f.end - f.start));

/** The first string field `number` of a message. */
async function stringField(cursor: BlobCursor, outer: Field, number: number): Promise<string | null> {
  for await (const f of fields(cursor, outer.start, outer.end))
    if (f.field === number && f.wire === 2) return text(cursor, f);
  return null;
}

/** Where an initializer's external data lies (TensorProto.external_data, field 13), if it has any. */
async function externalExtent(cursor: BlobCursor, tensor: Field): Promise<[string, number] | null> {
  const entry: Record<string, string> = {};
  for await (const f of fields(cursor, tensor.start, tensor.end)) {
    if (f.field !== 13 || f.wire !== 2) continue;
    const key = await stringField(cursor, f, 1);
    let value: string | null = null;
    for await (const g of fields(cursor, f.start, f.end))
      if (g.field === 2 && g.wire === 2) value = await text(cursor, g);
    if (key && value !== null) entry[key] = value;
  }
  if (!entry.location) return null;
  return [entry.location, Number(entry.offset ?? 0) + Number(entry.length ?? 0)];
}

/** Parses the header of an ONNX model (ModelProto.graph, field 7); throws when it is not one. */
export async function readOnnxHeader(blob: Blob): Promise<OnnxHeader> {
  if (blob.size === 0) throw new Error('the file is empty');
  const cursor = new BlobCursor(blob);
  const header: OnnxHeader = { inputs: [], outputs: [], external: new Map() };
  let graph: Field | null = null;
  for await (const f of fields(cursor, 0, blob.size)) if (f.field === 7 && f.wire === 2) graph = f;
  if (!graph) throw new Error('it has no graph');
  for await (const f of fields(cursor, graph.start, graph.end)) {
    if (f.wire !== 2) continue;
    if (f.field === 11 || f.field === 12) {
      const name = await stringField(cursor, f, 1);
      if (name) (f.field === 11 ? header.inputs : header.outputs).push(name);
    } else if (f.field === 5) {
      const extent = await externalExtent(cursor, f);
      if (extent) header.external.set(extent[0], Math.max(header.external.get(extent[0]) ?? 0, extent[1]));
    }
  }
  return header;
}

/** What keeps a graph from running as a causal language model with a KV cache, or null. */
export function causalLmProblem({ inputs, outputs }: OnnxHeader): string | null {
  const missing = ['input_ids', 'attention_mask'].filter((n) => !inputs.includes(n));
  if (missing.length) return `its inputs lack ${missing.join(' and ')}`;
  if (!outputs.includes('logits')) return 'it has no logits output';
  const past = inputs.filter((n) => n.startsWith('past_key_values.')).length;
  const present = outputs.filter((n) => n.startsWith('present.') || n.startsWith('present_')).length;
  if (past !== present) return `it takes ${past} cache inputs but gives ${present} cache outputs`;
  return null;
}
