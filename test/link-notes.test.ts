import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { type FrontMatterLinks, LinkNotes } from '../src/site/notes.js';
import { cli, repoRoot } from './helpers/cli.js';

const siteDir = path.join(repoRoot, 'fixtures', 'hugo-site');
const page = 'content/en/docs/links.md';

/** Set a file's modification time an hour back: notes are taken only of files that have settled. */
function settle(file: string): void {
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(file, hourAgo, hourAgo);
}

/** A private copy of the fixture Hugo site, so pages can be edited, added and removed. */
function copySite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-link-notes-'));
  cpSync(siteDir, dir, { recursive: true });
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) settle(path.join(e.parentPath, e.name));
  return dir;
}

/** `link-page-missing` findings for `links.md` checked alone, as the pre-commit hook checks a page. */
async function missingPages(cwd: string, cache: boolean): Promise<string[]> {
  const r = await cli(['check', '--format', 'json', ...(cache ? ['--cache'] : []), page], cwd);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout).diagnostics as { ruleId: string; line: number; message: string }[])
    .filter((d) => d.ruleId === 'link-page-missing')
    .map((d) => `${d.line} ${d.message.slice(0, d.message.indexOf('`:') + 1)}`);
}

/** Check with the cache, and show that a run without it finds the same. */
async function cachedMatchesFresh(cwd: string): Promise<string[]> {
  const cached = await missingPages(cwd, true);
  expect(cached).toEqual(await missingPages(cwd, false));
  return cached;
}

const edit = (cwd: string, file: string, change: (text: string) => string): void => {
  const abs = path.join(cwd, file);
  writeFileSync(abs, change(readFileSync(abs, 'utf8')));
};

describe('link notes in the cache (front matter aliases and url of every page)', () => {
  test('are written by a run that looks up aliases, and used by the next', async () => {
    const cwd = copySite();
    const first = await cachedMatchesFresh(cwd);
    expect(first.some((f) => f.includes('/old/install/'))).toBe(false);
    expect(existsSync(path.join(cwd, '.compatlint-cache', 'link-notes'))).toBe(true);
    expect(await cachedMatchesFresh(cwd)).toEqual(first);
  });

  test('an edited alias: the old address is missing, the new one resolves', async () => {
    const cwd = copySite();
    await cachedMatchesFresh(cwd);
    edit(cwd, 'content/en/docs/moved.md', (t) => t.replace('/old/install/', '/older/install/'));
    const after = await cachedMatchesFresh(cwd);
    expect(after).toContainEqual('19 Unexpected link to missing page `/old/install/`');

    edit(cwd, page, (t) => t.replace('(/old/install/)', '(/older/install/)'));
    expect((await cachedMatchesFresh(cwd)).some((f) => f.includes('/old/install/') || f.includes('/older/install/'))).toBe(false);
  });

  test('a page added with an alias makes the address resolve; removing it makes it missing again', async () => {
    const cwd = copySite();
    edit(cwd, page, (t) => `${t}\n[new alias](/brand-new/)\n`);
    const before = await cachedMatchesFresh(cwd);
    expect(before.some((f) => f.includes('/brand-new/'))).toBe(true);

    const added = path.join(cwd, 'content/en/docs/added.md');
    writeFileSync(added, '---\ntitle: Added\naliases: [/brand-new/]\n---\n\n# Added\n');
    expect((await cachedMatchesFresh(cwd)).some((f) => f.includes('/brand-new/'))).toBe(false);

    rmSync(added);
    expect(await cachedMatchesFresh(cwd)).toEqual(before);
  });

  test('a removed page takes its front matter url with it', async () => {
    const cwd = copySite();
    expect((await cachedMatchesFresh(cwd)).some((f) => f.includes('/custom-url/'))).toBe(false);
    rmSync(path.join(cwd, 'content/en/docs/custom.md'));
    expect(await cachedMatchesFresh(cwd)).toContainEqual('19 Unexpected link to missing page `/custom-url/`');
  });
});

describe('LinkNotes', () => {
  const links: FrontMatterLinks = { url: null, aliases: ['/a/'] };

  function setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'compatlint-link-notes-'));
    const file = path.join(dir, 'page.md');
    writeFileSync(file, '---\naliases: [/a/]\n---\n');
    settle(file);
    return { file, notes: path.join(dir, 'cache', 'link-notes') };
  }

  test('reads a page again only when its file changed', () => {
    const { file, notes } = setup();
    let reads = 0;
    const read = () => {
      reads++;
      return links;
    };
    const first = new LinkNotes(notes);
    expect(first.frontMatterLinks(file, read)).toEqual(links);
    first.save();
    expect(reads).toBe(1);

    expect(new LinkNotes(notes).frontMatterLinks(file, read)).toEqual(links);
    expect(reads).toBe(1);

    writeFileSync(file, '---\naliases: [/a/, /b/]\n---\n');
    new LinkNotes(notes).frontMatterLinks(file, read);
    expect(reads).toBe(2);
  });

  test('notes nothing for a page that cannot be read, and drops pages not seen again', () => {
    const { file, notes } = setup();
    const first = new LinkNotes(notes);
    first.frontMatterLinks(file, () => links);
    first.frontMatterLinks(`${file}.gone`, () => undefined);
    first.save();

    const second = new LinkNotes(notes);
    let reads = 0;
    expect(second.frontMatterLinks(`${file}.gone`, () => (reads++, undefined))).toBeNull();
    expect(reads).toBe(1);
    const other = path.join(path.dirname(file), 'other.md');
    writeFileSync(other, '# Other\n');
    settle(other);
    second.frontMatterLinks(other, () => null);
    second.save();
    // The second run saw only the other page: the first page's notes are gone.
    let rereads = 0;
    new LinkNotes(notes).frontMatterLinks(file, () => (rereads++, links));
    expect(rereads).toBe(1);
  });

  test('a damaged notes file is the same as none', () => {
    const { file, notes } = setup();
    const first = new LinkNotes(notes);
    first.frontMatterLinks(file, () => links);
    first.save();
    writeFileSync(notes, 'not v8 data');
    let reads = 0;
    expect(new LinkNotes(notes).frontMatterLinks(file, () => (reads++, links))).toEqual(links);
    expect(reads).toBe(1);
  });

  test('a file changed moments ago is read again next time: a second write in the same clock tick would keep its stamp', () => {
    const { file, notes } = setup();
    writeFileSync(file, '---\naliases: [/c/]\n---\n');
    let reads = 0;
    const first = new LinkNotes(notes);
    first.frontMatterLinks(file, () => (reads++, links));
    first.save();
    new LinkNotes(notes).frontMatterLinks(file, () => (reads++, links));
    expect(reads).toBe(2);
  });

  test('a cache folder that cannot be written is left alone, without an error', () => {
    const { file, notes } = setup();
    writeFileSync(path.dirname(notes), 'a file where the cache folder would be');
    const taken = new LinkNotes(notes);
    taken.frontMatterLinks(file, () => links);
    expect(() => taken.save()).not.toThrow();
    expect(readFileSync(path.dirname(notes), 'utf8')).toBe('a file where the cache folder would be');
  });
});
