/**
 * A sentence-embedding model in ONNX form, run with onnxruntime-node on the CPU. Optional twice over:
 * the operator supplies the model file and its tokenizer.json (nothing is ever downloaded), and
 * onnxruntime-node is an optional dependency loaded only here, on first use. The model may output
 * pooled sentence vectors ([batch, dims], e.g. "sentence_embedding") or token vectors
 * ([batch, tokens, dims], e.g. "last_hidden_state"), which are mean-pooled over the attention mask
 * as sentence-transformers does; either way vectors come back L2-normalised.
 */

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { OgohError } from '@ogoh/core';
import { type Embedder, normalise } from './embedder.ts';
import { loadTokenizer, type Tokenizer } from './tokenizer.ts';

export interface OnnxEmbedderOptions {
  /** the .onnx file */
  model: string;
  /** the model's tokenizer.json */
  tokenizer: string;
  /** tokens per text, special tokens included. @default 256 */
  maxLength?: number;
  /** texts per model call. @default 16 */
  batchSize?: number;
  /** CPU threads for one model call. @default 1 (the machine is shared with the rest of Ogoh) */
  threads?: number;
}

/**
 * The part of onnxruntime-node used here, declared locally so that type-checking does not need the
 * optional package installed.
 */
interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}
interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>, fetches: string[]): Promise<Record<string, OrtTensor>>;
}
interface Ort {
  InferenceSession: {
    create(
      model: Uint8Array,
      options: { intraOpNumThreads: number; interOpNumThreads: number; graphOptimizationLevel: 'all' },
    ): Promise<OrtSession>;
  };
  Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => OrtTensor;
}

async function runtime(): Promise<Ort> {
  try {
    const name = 'onnxruntime-node';
    // a variable module name keeps bundlers and the type-checker from requiring the optional package
    return (await import(name)) as Ort;
  } catch (e) {
    throw new OgohError(
      'INPUT_MISSING',
      'the embedding plug-in needs onnxruntime-node, which is not installed',
      {
        field: 'OGOH_EMBED_MODEL',
        hint: 'install it with `ONNXRUNTIME_NODE_INSTALL=skip npm i onnxruntime-node@1` or unset OGOH_EMBED_MODEL',
        cause: e,
      },
    );
  }
}

async function readInput(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new OgohError('INPUT_MISSING', `${what} not found or unreadable`, {
      file,
      field: what === 'model' ? 'OGOH_EMBED_MODEL' : 'OGOH_EMBED_TOKENIZER',
      hint: 'point OGOH_EMBED_MODEL at a model.onnx (or its folder) with tokenizer.json beside it',
      cause: e,
    });
  }
}

/** Loads the model and tokenizer; the first call to `embed` runs nothing it did not check here. */
export async function loadOnnxEmbedder(options: OnnxEmbedderOptions): Promise<Embedder> {
  const [modelBytes, tokBytes] = await Promise.all([
    readInput(options.model, 'model'),
    readInput(options.tokenizer, 'tokenizer'),
  ]);
  const tokenizer: Tokenizer = loadTokenizer(tokBytes.toString('utf8'), options.tokenizer);
  const ort = await runtime();
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(modelBytes, {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (e) {
    throw new OgohError('INPUT_PARSE', `onnxruntime cannot load the model: ${(e as Error).message}`, {
      file: options.model,
      field: 'OGOH_EMBED_MODEL',
      hint: 'give an ONNX export of a sentence-embedding model',
      cause: e,
    });
  }
  const inputs = new Set(session.inputNames);
  if (!inputs.has('input_ids'))
    throw new OgohError(
      'INPUT_FIELD',
      `the model has no "input_ids" input (it has: ${[...inputs].join(', ')})`,
      {
        file: options.model,
        field: 'inputs',
        hint: 'export the model with the Hugging Face input names',
      },
    );
  const outName =
    ['sentence_embedding', 'pooler_output', 'last_hidden_state', 'token_embeddings'].find((n) =>
      session.outputNames.includes(n),
    ) ?? session.outputNames[0];
  if (!outName) throw new OgohError('INPUT_FIELD', 'the model has no output', { file: options.model });
  const maxLength = options.maxLength ?? 256;
  const batchSize = options.batchSize ?? 16;

  async function run(texts: readonly string[]): Promise<Float32Array[]> {
    const encoded = texts.map((t) => tokenizer.encode(t, maxLength).ids);
    const seq = Math.max(1, ...encoded.map((e) => e.length));
    const n = texts.length;
    const ids = new BigInt64Array(n * seq);
    const mask = new BigInt64Array(n * seq);
    ids.fill(BigInt(tokenizer.padId));
    encoded.forEach((e, i) => {
      e.forEach((id, j) => {
        ids[i * seq + j] = BigInt(id);
        mask[i * seq + j] = 1n;
      });
    });
    const feeds: Record<string, OrtTensor> = {
      input_ids: new ort.Tensor('int64', ids, [n, seq]),
    };
    if (inputs.has('attention_mask')) feeds.attention_mask = new ort.Tensor('int64', mask, [n, seq]);
    if (inputs.has('token_type_ids'))
      feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(n * seq), [n, seq]);
    const result = await session.run(feeds, [outName!]);
    const out = result[outName!]!;
    const data = out.data as Float32Array;
    const dims = out.dims;
    const vectors: Float32Array[] = [];
    if (dims.length === 2) {
      const d = dims[1]!;
      for (let i = 0; i < n; i++)
        vectors.push(normalise(Float32Array.from(data.subarray(i * d, (i + 1) * d))));
    } else if (dims.length === 3) {
      const s = dims[1]!;
      const d = dims[2]!;
      for (let i = 0; i < n; i++) {
        const v = new Float32Array(d);
        let count = 0;
        for (let j = 0; j < Math.min(s, seq); j++) {
          if (mask[i * seq + j] === 0n) continue;
          count++;
          const off = (i * s + j) * d;
          for (let k = 0; k < d; k++) v[k]! += data[off + k]!;
        }
        if (count > 0) for (let k = 0; k < d; k++) v[k]! /= count;
        vectors.push(normalise(v));
      }
    } else
      throw new OgohError(
        'INPUT_FIELD',
        `output "${outName}" has ${dims.length} dimensions; 2 or 3 expected`,
        {
          file: options.model,
          field: String(outName),
        },
      );
    return vectors;
  }

  // the dimension is read from a first call on a short text (models rarely declare it statically)
  const probe = await run(['.']);
  const dims = probe[0]!.length;
  const id = `onnx:${options.model.split('/').pop()}@${createHash('sha256').update(modelBytes).digest('hex').slice(0, 8)}`;
  return {
    id,
    dims,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize)
        out.push(...(await run(texts.slice(i, i + batchSize))));
      return out;
    },
  };
}
