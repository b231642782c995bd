/**
 * Tokenizer benchmark (not a test): byte-level BPE training and encoding speed on a few MB of real
 * code (the SVEN and SafeCoder functions of the shared data), compression, exact round trip, and
 * agreement with Hugging Face's tokenizers.js on the saved tokenizer.json.
 *
 *   npm run bench:tokenizer -- [--json] [--mb 4] [--vocab 4096]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Tokenizer } from '@huggingface/tokenizers';
import { defaultDataDir } from '../src/cli/context.js';
import { loadPairs } from '../src/data/load.js';
import { saveTokenizer } from '../src/engine/tokenizer/hf.js';
import { trainBpe } from '../src/engine/tokenizer/train.js';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    mb: { type: 'string', default: '4' },
    vocab: { type: 'string', default: '4096' },
  },
});
const say = (s: string): void => {
  if (!flags.json) console.log(s);
};

const dataDir = defaultDataDir();
const { records } = await loadPairs(dataDir, ['sven', 'safecoder']);
const limit = Number(flags.mb) * 1024 * 1024;
const encoder = new TextEncoder();
const docs: Uint8Array[] = [];
let bytes = 0;
for (const p of records) {
  for (const text of [p.before, p.after]) {
    if (bytes >= limit) break;
    const b = encoder.encode(text);
    docs.push(b);
    bytes += b.length;
  }
}
const mb = bytes / 1024 / 1024;
say(`corpus: ${docs.length} functions, ${mb.toFixed(2)} MB of code (SVEN + SafeCoder)`);

let t0 = performance.now();
const tok = trainBpe(docs, { vocabSize: Number(flags.vocab) });
const trainS = (performance.now() - t0) / 1000;
say(
  `train: vocab ${tok.vocabSize} (${tok.merges.length} merges) in ${trainS.toFixed(2)} s = ${(mb / trainS).toFixed(2)} MB/s`,
);

t0 = performance.now();
const encoded = docs.map((d) => tok.encodeBytes(d));
const encodeS = (performance.now() - t0) / 1000;
const tokens = encoded.reduce((a, e) => a + e.length, 0);
say(
  `encode: ${tokens} tokens in ${encodeS.toFixed(2)} s = ${(mb / encodeS).toFixed(2)} MB/s, ` +
    `${(tokens / encodeS / 1e6).toFixed(2)} M tokens/s, ${(bytes / tokens).toFixed(2)} bytes/token`,
);

t0 = performance.now();
let roundTrip = true;
for (let i = 0; i < docs.length; i++) {
  const back = tok.decodeBytes(encoded[i] ?? []);
  const orig = docs[i] ?? new Uint8Array(0);
  if (back.length !== orig.length || !back.every((b, j) => b === orig[j])) roundTrip = false;
}
const decodeS = (performance.now() - t0) / 1000;
say(`decode: ${(mb / decodeS).toFixed(2)} MB/s; exact round trip on every function: ${roundTrip}`);

const dir = mkdtempSync(join(tmpdir(), 'secplay-bench-tok-'));
const file = join(dir, 'tokenizer.json');
saveTokenizer(tok, file);
const hf = new Tokenizer(JSON.parse(readFileSync(file, 'utf8')) as object, {});
const sample = docs.filter((_, i) => i % 10 === 0);
const decoder = new TextDecoder();
let agree = 0;
t0 = performance.now();
for (const d of sample) {
  const text = decoder.decode(d);
  const ours = tok.encode(text, { special: 'recognize' });
  const theirs = hf.encode(text).ids;
  if (ours.length === theirs.length && ours.every((id, j) => id === theirs[j])) agree++;
}
const hfS = (performance.now() - t0) / 1000;
rmSync(dir, { recursive: true, force: true });
say(`tokenizers.js on our tokenizer.json: same ids on ${agree}/${sample.length} functions`);

if (flags.json)
  console.log(
    JSON.stringify(
      {
        corpusBytes: bytes,
        functions: docs.length,
        vocabSize: tok.vocabSize,
        merges: tok.merges.length,
        trainSeconds: trainS,
        trainMBps: mb / trainS,
        encodeMBps: mb / encodeS,
        encodeTokensPerSecond: tokens / encodeS,
        decodeMBps: mb / decodeS,
        bytesPerToken: bytes / tokens,
        roundTrip,
        huggingFaceAgreement: { same: agree, of: sample.length, seconds: hfS },
      },
      null,
      2,
    ),
  );
