import picomatch from 'picomatch';

const matchers = new Map<string, (file: string) => boolean>();

/** A cached glob matcher for paths relative to the config file. */
export function matcherFor(globs: string[]): (file: string) => boolean {
  const key = globs.join('\0');
  let m = matchers.get(key);
  if (!m) {
    m = picomatch(globs, { dot: true });
    matchers.set(key, m);
  }
  return m;
}

