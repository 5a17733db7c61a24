import { writeFileSync } from 'node:fs';

/**
 * Writes a tiny llama-architecture GGUF with random weights, for checking the `llamacpp/` adapter end to end:
 * node-llama-cpp loads it, tokenizes the study's prompts and generates. The answers are noise.
 * - One block, 32 wide, with a 16k context.
 * - A character-level SentencePiece vocabulary with byte fallback: 354 tokens.
 * - The output row of the end-of-text token leans on a constant direction of the embeddings, so a reply ends
 *   after a few to a few dozen tokens.
 * About 150 KB; deterministic for a seed.
 * @example writeTinyGguf(join(dir, 'tiny.gguf'))
 */
export function writeTinyGguf(path: string, seed = 1): void {
  const EMBED = 32;
  const HEADS = 2;
  const FF = 64;
  const CONTEXT = 16_384;
  const ALIGN = 32;

  // The vocabulary: <unk>, <s>, </s>, one token per byte (SentencePiece's byte fallback covers any text), then the
  // word boundary ▁ and the printable ASCII characters, so that text round-trips through the tokenizer.
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [2, 3, 3]; // unknown, control, control
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6); // byte
  }
  for (const piece of ['\u2581', ...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i))]) {
    tokens.push(piece);
    types.push(1); // normal
  }
  const VOCAB = tokens.length;
  const EOS = 2;

  // A small deterministic generator (mulberry32), then Box-Muller for normal draws.
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());

  interface Tensor {
    readonly name: string;
    readonly dims: readonly number[]; // fastest-varying first, as GGUF lists them
    readonly data: Float32Array;
  }
  const random = (name: string, dims: number[], scale = 0.02): Tensor => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = normal() * scale;
    return { name, dims, data };
  };
  const ones = (name: string, n: number): Tensor => ({ name, dims: [n], data: new Float32Array(n).fill(1) });

  const embeddings = random('token_embd.weight', [EMBED, VOCAB]);
  // Every token's embedding has 1 in dimension 0, which the small block leaves mostly in place.
  for (let t = 0; t < VOCAB; t++) embeddings.data[t * EMBED] = 1;
  const output = random('output.weight', [EMBED, VOCAB]);
  for (let t = 0; t < VOCAB; t++) output.data[t * EMBED] = 0;
  // End-of-text leans on dimension 0. The weight was found by trying: at 0.1 no reply ended within 40 tokens, at 0.2
  // every reply was empty, at 0.16 replies end after a few to a few dozen tokens.
  output.data[EOS * EMBED] = 0.16;

  const tensors: Tensor[] = [
    embeddings,
    ones('output_norm.weight', EMBED),
    output,
    ones('blk.0.attn_norm.weight', EMBED),
    random('blk.0.attn_q.weight', [EMBED, EMBED]),
    random('blk.0.attn_k.weight', [EMBED, EMBED]),
    random('blk.0.attn_v.weight', [EMBED, EMBED]),
    random('blk.0.attn_output.weight', [EMBED, EMBED]),
    ones('blk.0.ffn_norm.weight', EMBED),
    random('blk.0.ffn_gate.weight', [EMBED, FF]),
    random('blk.0.ffn_up.weight', [EMBED, FF]),
    random('blk.0.ffn_down.weight', [FF, EMBED]),
  ];

  // GGUF v3: header, metadata, tensor infos, padding, tensor data (each aligned).
  const chunks: Buffer[] = [];
  const put = (size: number, write: (b: Buffer) => unknown) => {
    const b = Buffer.alloc(size);
    write(b);
    chunks.push(b);
  };
  const u32 = (n: number) => put(4, (b) => b.writeUInt32LE(n));
  const i32 = (n: number) => put(4, (b) => b.writeInt32LE(n));
  const u64 = (n: number) => put(8, (b) => b.writeBigUInt64LE(BigInt(n)));
  const f32 = (n: number) => put(4, (b) => b.writeFloatLE(n));
  const str = (s: string) => {
    const bytes = Buffer.from(s, 'utf8');
    u64(bytes.length);
    chunks.push(bytes);
  };
  const TYPE = { u32: 4, i32: 5, f32: 6, string: 8, array: 9 } as const;

  type Value =
    | { type: 'u32' | 'f32'; value: number }
    | { type: 'string'; value: string }
    | { type: 'array'; of: 'string' | 'f32' | 'i32'; values: readonly (string | number)[] };
  const metadata: [string, Value][] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'haywire-tiny-random' }],
    ['general.alignment', { type: 'u32', value: ALIGN }],
    ['llama.context_length', { type: 'u32', value: CONTEXT }],
    ['llama.embedding_length', { type: 'u32', value: EMBED }],
    ['llama.block_count', { type: 'u32', value: 1 }],
    ['llama.feed_forward_length', { type: 'u32', value: FF }],
    ['llama.attention.head_count', { type: 'u32', value: HEADS }],
    ['llama.attention.head_count_kv', { type: 'u32', value: HEADS }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.rope.dimension_count', { type: 'u32', value: EMBED / HEADS }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'array', of: 'string', values: tokens }],
    ['tokenizer.ggml.scores', { type: 'array', of: 'f32', values: tokens.map(() => 0) }],
    ['tokenizer.ggml.token_type', { type: 'array', of: 'i32', values: types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: EOS }],
  ];

  chunks.push(Buffer.from('GGUF'));
  u32(3);
  u64(tensors.length);
  u64(metadata.length);
  for (const [key, v] of metadata) {
    str(key);
    u32(TYPE[v.type]);
    if (v.type === 'string') str(v.value);
    else if (v.type !== 'array') (v.type === 'u32' ? u32 : f32)(v.value);
    else {
      u32(TYPE[v.of]);
      u64(v.values.length);
      for (const item of v.values) {
        if (v.of === 'string') str(String(item));
        else if (v.of === 'f32') f32(Number(item));
        else i32(Number(item));
      }
    }
  }
  let offset = 0;
  const aligned = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
  for (const tensor of tensors) {
    str(tensor.name);
    u32(tensor.dims.length);
    for (const d of tensor.dims) u64(d);
    u32(0); // F32
    u64(offset);
    offset = aligned(offset + tensor.data.byteLength);
  }
  const headerLength = chunks.reduce((n, c) => n + c.length, 0);
  chunks.push(Buffer.alloc(aligned(headerLength) - headerLength));
  for (const tensor of tensors) {
    const bytes = Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
    chunks.push(bytes, Buffer.alloc(aligned(bytes.length) - bytes.length));
  }
  writeFileSync(path, Buffer.concat(chunks));
}
