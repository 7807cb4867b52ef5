/**
 * Writes tiny ONNX graphs by hand (the protobuf wire format of ModelProto, just the fields needed),
 * so the embedding plug-in can be exercised without any downloaded model.
 */

type Bytes = number[];
const varint = (n: number): Bytes => {
  const out: Bytes = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
};
const int = (field: number, n: number): Bytes => [...varint(field * 8), ...varint(n)];
const len = (field: number, data: Bytes | Uint8Array): Bytes => [
  ...varint(field * 8 + 2),
  ...varint(data.length),
  ...data,
];
const str = (field: number, s: string): Bytes => len(field, [...new TextEncoder().encode(s)]);

/** ValueInfoProto: a tensor of element type `elem` (1 float, 7 int64) with named or fixed dims. */
const valueInfo = (name: string, elem: number, dims: (string | number)[]): Bytes => [
  ...str(1, name),
  ...len(
    2,
    len(1, [
      ...int(1, elem),
      ...len(
        2,
        dims.flatMap((d) => len(1, typeof d === 'number' ? int(1, d) : str(2, d))),
      ),
    ]),
  ),
];

/**
 * An ONNX model whose output last_hidden_state[b, t] = table[input_ids[b, t]] (one Gather over an
 * embedding table; opset 13). Not a language model: it serves tests and checking that
 * onnxruntime-node loads on a machine, since Ogoh ships no model and downloads none.
 * `withMask` declares an (unused) attention_mask input as exported transformers have.
 */
export function lookupEmbeddingModel(table: number[][], withMask = true): Uint8Array {
  const dims = table[0]!.length;
  const raw = new Uint8Array(new Float32Array(table.flat()).buffer);
  const tensor = [...int(1, table.length), ...int(1, dims), ...int(2, 1), ...str(8, 'table'), ...len(9, raw)];
  const node = [
    ...str(1, 'table'),
    ...str(1, 'input_ids'),
    ...str(2, 'last_hidden_state'),
    ...str(3, 'lookup'),
    ...str(4, 'Gather'),
  ];
  const graph = [
    ...len(1, node),
    ...str(2, 'tiny-embedder'),
    ...len(5, tensor),
    ...len(11, valueInfo('input_ids', 7, ['batch', 'seq'])),
    ...(withMask ? len(11, valueInfo('attention_mask', 7, ['batch', 'seq'])) : []),
    ...len(12, valueInfo('last_hidden_state', 1, ['batch', 'seq', dims])),
  ];
  return Uint8Array.from([...int(1, 8), ...str(2, 'ogoh-test'), ...len(7, graph), ...len(8, int(2, 13))]);
}
