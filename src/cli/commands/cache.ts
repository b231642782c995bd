import { resolveConfig } from '../../config/resolve.js';
import { cacheRoot } from '../../oracle/cache.js';
import { cacheStats, pruneCache, type CacheStats, type PruneResult } from '../../oracle/cache-prune.js';
import { CACHE_PRUNE, CACHE_STATS } from '../../oracle/config.js';
import type { CliCommand } from '../command.js';
import { addSchemaOptions, readSchemaOptions } from '../flags.js';

const DAY_MS = 86_400_000;

/** `secplay cache stats|prune`: what the cache root holds, and removing what is no longer used. */
export const cacheCommand: CliCommand = {
  name: 'cache',
  register(program, ctx) {
    const cache = program
      .command('cache')
      .description(
        'the cache root ($SECPLAY_CACHE_DIR, else /var/cache/secplay as root, else ~/.cache/secplay): built artifacts, harness copies, verdicts',
      );

    const stats = cache.command('stats').description('entries, size and last use per area and kind');
    addSchemaOptions(stats, CACHE_STATS.schema);
    stats.action((opts: Record<string, unknown>) => {
      resolveConfig(CACHE_STATS, undefined, readSchemaOptions(CACHE_STATS.schema, opts));
      const now = Date.now();
      ctx().print(cacheStats(cacheRoot()), (s: CacheStats) => {
        const lines = [`cache root ${s.root}: ${mb(s.bytes)}`];
        if (s.rows.length === 0) lines.push('(empty)');
        else {
          lines.push(`${'area/kind'.padEnd(20)} ${'entries'.padStart(8)} ${'size'.padStart(10)}  last used`);
          for (const r of s.rows)
            lines.push(
              `${(r.area === r.kind ? r.area : `${r.area}/${r.kind}`).padEnd(20)} ${String(r.entries).padStart(8)} ${mb(r.bytes).padStart(10)}  ${ago(now, r.newestUseMs)} (least recently: ${ago(now, r.oldestUseMs)})`,
            );
        }
        return lines.join('\n');
      });
    });

    const prune = cache
      .command('prune')
      .description(
        'remove cache entries not used for --unused-for-days (default 30; builds left incomplete after an hour); everything removed is rebuilt on demand',
      );
    addSchemaOptions(prune, CACHE_PRUNE.schema);
    prune.action((opts: Record<string, unknown>) => {
      const cfg = resolveConfig(CACHE_PRUNE, undefined, readSchemaOptions(CACHE_PRUNE.schema, opts));
      const result = pruneCache(cacheRoot(), { unusedForMs: cfg.unusedForDays * DAY_MS, dryRun: cfg.dryRun });
      ctx().print(result, (r: PruneResult) => {
        const verb = r.dryRun ? 'would remove' : 'removed';
        const lines = r.removed.map((e) => `${verb} ${e.path} (${mb(e.bytes)})`);
        lines.push(
          `${verb} ${r.removed.length} entries (${mb(r.freedBytes)}); kept ${r.kept} (${mb(r.keptBytes)}) under ${r.root}`,
        );
        return lines.join('\n');
      });
    });
  },
};

function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

function ago(now: number, ms: number): string {
  const d = (now - ms) / DAY_MS;
  return d < 1 / 24 ? 'within the hour' : d < 1 ? `${Math.round(d * 24)} h ago` : `${d.toFixed(1)} days ago`;
}
