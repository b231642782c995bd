/** The built-in engine's tokenizer: byte-level BPE, saved as Hugging Face `tokenizer.json`. */
export { ByteBpeTokenizer, DEFAULT_SPECIAL_TOKENS, EOT, PAD, type EncodeOptions, type Merge } from './bpe.js';
export { fromHuggingFace, loadTokenizer, saveTokenizer, toHuggingFace, type HfTokenizerJson } from './hf.js';
export { trainBpe, type TrainOptions } from './train.js';
