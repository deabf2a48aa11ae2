import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const langs = ['python', 'ruby', 'java', 'go', 'nodejs', 'php', 'dotnet', 'rust', 'swift', 'kotlin'];

const config = `include: ["content/**/*.md"]
site: { content: content, locales: [en, fr], defaultLocale: en }
values:
  supported: ["Oui"]
  unsupported: ["Non"]
pageDimensions:
  lang: { frontMatter: code_lang }
  product: { path: "^([^/]+)/" }
vocabulary:
  lang: { ${langs.map((l) => `${l}: ["${l}"]`).join(', ')} }
  capability:
    cpu: ["CPU profiling", "Profilage CPU"]
    memory: ["Memory profiling", "Profilage mémoire"]
    locks: ["Lock contention", "Contention"]
  deployment:
    docker: ["Docker"]
    kubernetes: ["Kubernetes"]
    aws-lambda: ["AWS Lambda"]
    ecs: ["Amazon ECS"]
    fargate: ["AWS Fargate"]
  attribute:
    min-version: ["/^minimum .*version$/", "/^version minimale/"]
tables:
  - id: capabilities
    description: minimum library version per capability
    match: { keyHeader: ["/capability$/", "/^fonctionnalité/"], columns: ["@attribute"] }
    key: capability
    columns: attribute
    pageDimensions: [lang, product]
    columnTypes: { min-version: version }
  - id: deployments
    description: capabilities per deployment type
    match: { keyHeader: ["Type"] }
    key: deployment
    columns: capability
    pageDimensions: [lang, product]
    constants: { attribute: support }
`;

function page(product: number, lang: string, fr: boolean, n: number): string {
  const tick = fr ? 'Oui' : '{{< X >}}';
  const drift = fr && n % 3 === 0;
  const conflict = !fr && n % 4 === 0;
  const extraCell = n % 5 === 0;
  const lines = [
    '---',
    `title: ${fr ? 'Compatibilité' : 'Compatibility'} ${lang} ${product}`,
    `code_lang: ${lang}`,
    '---',
    '',
    fr ? '## Fonctionnalités' : '## Capabilities',
    '',
    fr ? '| Fonctionnalité | Version minimale de la bibliothèque |' : '| Profiler capability | Minimum library version |',
    '|---|---|',
    `| ${fr ? 'Profilage CPU' : 'CPU profiling'} | 1.${product % 7}.0 |`,
    `| ${fr ? 'Profilage mémoire' : 'Memory profiling'} | ${drift ? '9.9.9' : `2.${n % 5}.0`} |`,
    `| ${fr ? 'Contention' : 'Lock contention'} | 3.1.0 |`,
    '',
    fr ? '## Déploiements' : '## Deployments',
    '',
    `| Type | ${fr ? 'Profilage CPU' : 'CPU profiling'} | ${fr ? 'Profilage mémoire' : 'Memory profiling'} | ${fr ? 'Contention' : 'Lock contention'} |`,
    '|---|---|---|---|',
    `| Docker | ${tick} | ${tick} | ${tick} |`,
    `| Kubernetes | ${tick} | ${tick} |  |`,
    `| AWS Lambda | ${tick} |  |  |${extraCell ? ' extra |' : ''}`,
    `| Amazon ECS | ${tick} | ${tick} | ${tick} |`,
    `| AWS Fargate | ${tick} |  | ${tick} |`,
    '',
  ];
  if (conflict) {
    lines.push('### Serverless', '', '| Type | CPU profiling |', '|---|---|', '| AWS Lambda |  |', '');
  }
  lines.push(`See the [setup guide][1] and [notes][2].`, '', `[1]: /setup/${lang}/`, `[2]: /notes/${lang}/`, `[3]: /unused/${lang}/`, '');
  return lines.join('\n');
}

/**
 * A docs tree of `products × 10 languages × 2 locales` pages (2,000 with the default 100 products)
 * with problems planted at known rates: an unused definition on every page, an extra cell on every
 * fifth, a same-page disagreement on every fourth English page, a drifted value on every third
 * French page. For measuring the audit report at the size of a real docs site.
 */
export function generateSite(dir: string, products = 100): number {
  writeFileSync(path.join(dir, 'compatlint.config.yaml'), config);
  let n = 0;
  for (let p = 0; p < products; p++) {
    for (const lang of langs) {
      for (const locale of ['en', 'fr']) {
        const folder = path.join(dir, 'content', locale, `product-${String(p).padStart(3, '0')}`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, `${lang}.md`), page(p, lang, locale === 'fr', n));
        n++;
      }
    }
  }
  return n;
}
