// A small ONNX graph builder over onnx-proto's protobufjs classes, with optional external data.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto; // the package is CommonJS with a single `onnx` namespace, so no named import
const { DataType } = onnx.TensorProto;
// raw_data is little-endian by spec; typed arrays are host-endian. Every JS host we target is little-endian.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
  throw new Error('big-endian hosts are not supported');

/** Element types (TensorProto.DataType) the generator uses. */
export const ElemType = {
  FLOAT: DataType.FLOAT,
  UINT8: DataType.UINT8,
  INT64: DataType.INT64,
  BOOL: DataType.BOOL,
};
/** A tensor dimension: a fixed size or a symbolic name such as 'batch_size'. */
export type Dim = number | string;
/** Attribute values: integer → INT, integer[] → INTS, string → STRING, { float } → FLOAT. */
export type AttrValue = number | number[] | string | { float: number };
/** Tensor payloads an initializer can hold. */
export type TensorData = Float32Array | Uint8Array | BigInt64Array;

interface Initializer {
  name: string;
  elemType: number;
  dims: number[];
  data: TensorData;
}

/** Collects initializers, nodes and graph inputs/outputs in insertion order; names are the caller's. */
export class GraphBuilder {
  readonly initializers: Initializer[] = [];
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(readonly name: string) {}

  /** A fresh `${prefix}_${n}` name from the counter that node() also uses. */
  fresh(prefix: string): string {
    return `${prefix}_${++this.counter}`;
  }

  /** Adds an initializer and returns its name. */
  constant(name: string, elemType: number, dims: number[], data: TensorData): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (data.length !== count) throw new Error(`${name}: ${data.length} values for dims [${dims}]`);
    this.initializers.push({ name, elemType, dims, data });
    return name;
  }

  /** Adds a node with one output named `${op}_${n}` (or the given outputs) and returns its first output. */
  node(op: string, inputs: string[], attrs: Record<string, AttrValue> = {}, opts: NodeOptions = {}): string {
    const outputs = opts.outputs ?? [this.fresh(opts.prefix ?? op)];
    const attribute = Object.entries(attrs).map(([name, value]) => encodeAttr(name, value));
    const domain = opts.domain ? { domain: opts.domain } : {};
    this.nodes.push({ opType: op, input: inputs, output: outputs, attribute, ...domain });
    return outputs[0]!;
  }

  /** Declares a graph input. */
  input(name: string, elemType: number, dims: Dim[]): void {
    this.inputs.push(valueInfo(name, elemType, dims));
  }

  /** Declares a graph output. */
  output(name: string, elemType: number, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** Total number of values over all initializers (what the reference prints). */
  valueCount(): number {
    return this.initializers.reduce((n, t) => n + t.data.length, 0);
  }
}

/** Extra node settings: an operator domain such as 'com.microsoft', explicit output names, a name prefix. */
export interface NodeOptions {
  domain?: string;
  outputs?: string[];
  prefix?: string;
}

function encodeAttr(name: string, value: AttrValue): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string')
    return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) {
    if (!value.every(Number.isInteger)) throw new Error(`attribute ${name}: ints must be integers`);
    return { name, type: AttributeType.INTS, ints: value };
  }
  if (typeof value === 'object') return { name, type: AttributeType.FLOAT, f: value.float };
  if (!Number.isInteger(value)) throw new Error(`attribute ${name}: use { float: ${value} } for a float`);
  return { name, type: AttributeType.INT, i: value };
}

function valueInfo(name: string, elemType: number, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/** External data: tensors of at least `minBytes` (onnx's default 1024) go to `location`, next to the .onnx. */
export interface ExternalDataOptions {
  location: string;
  minBytes?: number;
}

/** A serialised model: the .onnx bytes and, with external data, the data file as chunks (padding included). */
export interface EncodedModel {
  model: Uint8Array;
  data: Uint8Array[] | null;
  dataBytes: number;
}

/** Serialises the graph as ir_version 8 with opsets '' 17 and 'com.microsoft' 1. */
export function encodeModel(g: GraphBuilder, external?: ExternalDataOptions): EncodedModel {
  const data: Uint8Array[] = [];
  let offset = 0;
  const initializer = g.initializers.map((t): onnxProto.onnx.ITensorProto => {
    const head = { name: t.name, dataType: t.elemType, dims: t.dims };
    const raw = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength); // a view, no copy
    if (!external || raw.length < (external.minBytes ?? 1024)) return { ...head, rawData: raw };
    // Page-aligned offsets let a runtime mmap each tensor (onnx's ExternalData.md); 64 KiB for big ones is
    // Windows' mapping granularity and what ORT uses when it saves models with aligned external data.
    const alignment = raw.length >= 1 << 20 ? 1 << 16 : 1 << 12;
    const start = Math.ceil(offset / alignment) * alignment;
    if (start > offset) data.push(new Uint8Array(start - offset));
    data.push(raw);
    offset = start + raw.length;
    const entries = { location: external.location, offset: String(start), length: String(raw.length) };
    const externalData = Object.entries(entries).map(([key, value]) => ({ key, value }));
    return { ...head, dataLocation: onnx.TensorProto.DataLocation.EXTERNAL, externalData };
  });
  const model = onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
    ],
    graph: { name: g.name, node: g.nodes, initializer, input: g.inputs, output: g.outputs },
  }).finish();
  return { model, data: external ? data : null, dataBytes: offset };
}

export { onnx };
