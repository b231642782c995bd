import { resolve } from 'node:path';
import type { Command } from 'commander';
import { logger } from '../../core/log.js';
import {
  parsePretrainConfig,
  pretrain,
  PretrainConfigSchema,
  readTokenFile,
} from '../../engine/train/pretrain.js';
import type { CliCommand } from '../command.js';
import { addSchemaOptions, readSchemaOptions } from '../flags.js';

const log = logger('engine');

/** `secplay engine train`: train the built-in GPT on a token file, with checkpoints and --resume. */
export const engineCommand: CliCommand = {
  name: 'engine',
  register(program: Command, ctx) {
    const engine = program.command('engine').description('the built-in transformer: train it on token ids');
    const train = engine
      .command('train')
      .description(
        'train the built-in GPT on a token file (JSON array, or uint16 little-endian .bin); checkpoints in OUT/checkpoints, losses in OUT/loss.jsonl',
      )
      .argument('<tokens>', 'token file')
      .requiredOption('--out <dir>', 'output directory')
      .option(
        '--resume',
        'continue from the newest checkpoint in --out (bit-for-bit on the same loss curve)',
      );
    addSchemaOptions(train, PretrainConfigSchema);
    train.action(async (tokensPath: string, opts: Record<string, unknown>) => {
      const c = ctx();
      const config = parsePretrainConfig(readSchemaOptions(PretrainConfigSchema, opts));
      const tokens = readTokenFile(resolve(tokensPath));
      const out = resolve(String(opts['out']));
      const every = Math.max(1, Math.floor(config.steps / 20));
      const result = await pretrain({
        tokens,
        out,
        config,
        resume: opts['resume'] === true,
        onStep: (r) => {
          if (r.step % every === 0)
            log.info(`step ${r.step}/${config.steps} loss ${r.loss.toFixed(4)} lr ${r.lr.toExponential(2)}`);
        },
      });
      c.print(
        { out, ...result },
        (r: typeof result) =>
          `trained to step ${r.steps}${r.resumedFrom === null ? '' : ` (resumed from ${r.resumedFrom})`}: loss ${r.lastLoss.toFixed(4)}, ${Math.round(r.tokensPerSecond)} tokens/s\ncheckpoint: ${r.checkpoint}`,
      );
    });
  },
};
