import type { CorpusRule, MessageData } from '../../engine/types.js';
import { externalTargets } from '../../site/targets.js';
import type { AddressRange, LinkResult } from '../../net/types.js';

const RANGE_NAMES: Record<AddressRange, string> = {
  loopback: 'a loopback',
  private: 'a private',
  'link-local': 'a link-local',
  unspecified: 'an unspecified',
  multicast: 'a multicast',
  reserved: 'a reserved',
  translated: 'an IPv4-translating (NAT64, 6to4, Teredo)',
};

/**
 * An external link, image or definition whose URL does not work. The rule does no I/O: with
 * `--external-links` the engine checks every URL first and hands the results over in
 * `corpus.externalLinks`; without it there are no results and nothing to report.
 */
export const linkExternal: CorpusRule = {
  meta: {
    id: 'link-external',
    description: 'An external (http or https) link does not work: an error status, a timeout, a redirect loop... Checked only with --external-links.',
    scope: 'corpus',
    category: 'links',
    defaultSeverity: 'warn',
    messages: {
      status: 'Unexpected HTTP {{status}} from `{{url}}`{{via}}',
      timeout: 'Unexpected timeout: no complete answer from `{{url}}`{{via}} within {{ms}} ms',
      tooManyRedirects: 'Unexpected more than {{limit}} redirects from `{{url}}`, stopped before `{{target}}`',
      redirectLoop: 'Unexpected redirect loop from `{{url}}`: it leads back to `{{target}}`',
      tooLarge: 'Unexpected response larger than {{size}} from `{{url}}`{{via}}, expected at most externalLinks.maxBytes',
      refusedAddress:
        'Refused to check `{{url}}`{{via}}: `{{host}}` is {{range}} address, never contacted unless externalLinks.allowPrivate allows it',
      refusedName:
        'Refused to check `{{url}}`{{via}}: `{{host}}` resolves to {{address}}, {{range}} address, never contacted unless externalLinks.allowPrivate allows it',
      network: 'Cannot reach `{{url}}`{{via}}: {{reason}}',
      invalidUrl: 'Unexpected invalid URL `{{url}}`',
    },
  },
  check(corpus, context) {
    const results = corpus.externalLinks;
    if (!results) return;
    for (const page of corpus.pages) {
      for (const { url, span } of externalTargets(page)) {
        const result = results.get(url);
        const problem = result && describe(url, result);
        if (problem) context.report({ ...problem, file: page.file, span });
      }
    }
  },
  reach: {},
};

function describe(url: string, result: LinkResult): { messageId: string; data: MessageData } | null {
  const via = 'finalUrl' in result && result.finalUrl !== undefined ? ` (redirected to \`${result.finalUrl}\`)` : '';
  switch (result.kind) {
    case 'ok':
    case 'excluded':
    case 'skipped':
      return null;
    case 'status':
      return { messageId: 'status', data: { url, via, status: result.status } };
    case 'timeout':
      return { messageId: 'timeout', data: { url, via, ms: result.ms } };
    case 'too-many-redirects':
      return { messageId: 'tooManyRedirects', data: { url, limit: result.limit, target: result.finalUrl } };
    case 'redirect-loop':
      return { messageId: 'redirectLoop', data: { url, target: result.finalUrl } };
    case 'too-large':
      return { messageId: 'tooLarge', data: { url, via, size: formatBytes(result.limit) } };
    case 'refused-private-address': {
      const range = RANGE_NAMES[result.range];
      return result.host === result.address
        ? { messageId: 'refusedAddress', data: { url, via, host: result.host, range } }
        : { messageId: 'refusedName', data: { url, via, host: result.host, address: result.address, range } };
    }
    case 'network':
      return { messageId: 'network', data: { url, via, reason: result.reason } };
    case 'invalid-url':
      return { messageId: 'invalidUrl', data: { url } };
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
