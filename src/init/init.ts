import { loadConfig } from '../config/load.js';
import { loadPages } from '../lint/lint.js';
import { parseYamlData } from '../parse/yaml-data.js';
import { describeSite } from '../site/generators/index.js';
import type { UserConfig } from '../config/types.js';
import { UsageError } from '../util/errors.js';
import { type Proposal, propose } from './propose.js';
import { renderConfig } from './render.js';
import { summarize } from './summary.js';

export type { Proposal } from './propose.js';

export interface InitResult {
  proposal: Proposal;
  /** The config file's text. */
  yaml: string;
  /** What init found and could not decide, for standard error. */
  summary: string;
}

/** Every page of the tree, whatever the site builds: init decides what to include. */
const ALL_PAGES = '**/*.{md,mdx,markdown}';

/**
 * Propose a config for the tree at `cwd`: read its generator's config, every page (honouring
 * `.gitignore`), propose from their tables, and check that what is proposed loads as a config
 * (an invalid proposal is init's bug, never the user's config error).
 */
export async function runInit(options: { cwd: string; threads?: number }): Promise<InitResult> {
  const site = describeSite(options.cwd);
  const config = await loadConfig({ cwd: options.cwd, config: { include: [ALL_PAGES] } });
  const pages = await loadPages({ cwd: options.cwd, paths: [], config, errorOnUnmatchedPattern: false, threads: options.threads ?? 1 });
  if (pages.length === 0) throw new UsageError(`No Markdown pages (${ALL_PAGES}) under ${options.cwd}: nothing to propose a config for`);
  const proposal = await propose(site, pages, options.cwd);
  const yaml = renderConfig(proposal);
  try {
    await loadConfig({ cwd: options.cwd, config: parseYamlData(yaml) as UserConfig });
  } catch (error) {
    throw new Error(`init proposed a config that does not load (${(error as Error).message})`);
  }
  return { proposal, yaml, summary: summarize(proposal) };
}
