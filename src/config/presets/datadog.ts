import type { UserConfig } from '../types.js';
import { statusWords } from './status-words.js';

/**
 * A Hugo docs tree laid out like Datadog's: `content/<locale>/...` with English as the source,
 * compatibility pages per language and product (App and API Protection, Code Security, SCA,
 * tracing), translated into ja, fr, ko and es.
 *
 * Tables are recognized by their shape (key column header, known column terms), not by file:
 * the same kinds hold wherever such a table appears. Vocabulary terms use patterns where pages
 * decorate a name (`Threat Detection support`, `Threat Detection supported?`).
 */

// A capability column is often named `X support`, `X supported?`, `X のサポートの有無`, `X 지원`,
// `Compatibilidad con X`: the name, with an optional "support" word before or after it.
const SUPPORT_PREFIX = '(?:(?:compatibilidad con|soporte (?:de|para)|prise en charge (?:de|du|des)?)\\s+(?:la |el |las |los |les |l\'|le )?)?';
const SUPPORT_SUFFIX =
  '(?:\\s*(?:support(?:ed)?|のサポート(?:の有無)?|サポート(?:の有無)?|対応(?:状況)?|지원(?: 여부)?|prise en charge|pris en charge|soporte|compatible))?';

/** A pattern for a capability name, optionally with a "support" word before or after it. */
function named(pattern: string): string {
  return `/^${SUPPORT_PREFIX}(?:${pattern})${SUPPORT_SUFFIX}$/`;
}

const SCA = '\\s*\\(sca\\)';
const IAST = '\\s*\\(iast\\)';

// Capability names: the same capability has several names across products, years and languages.
const capability = {
  'threat-detection': [named('threat detection|脅威(?:の)?検出|détection des menaces|detección de amenazas|위협 탐지')],
  'threat-protection': [named('threat protection|脅威(?:からの)?保護|protection contre les menaces|protección (?:contra|frente a) (?:las )?amenazas|위협 보호')],
  'api-security': [named('api security|api ?セキュリティ|sécurité des api|seguridad de (?:la )?api|api 보안')],
  sca: [
    named(`(?:runtime )?software composition analysis(?:${SCA})?`),
    named('(?:runtime )?sca'),
    named(`ソフトウェア構成分析(?:${SCA})?`),
    named(`analyse de (?:la )?composition (?:des |du )?logiciels?(?:${SCA})?`),
    named(`análisis de (?:la )?composición (?:del |de )?software(?:${SCA})?`),
    named(`소프트웨어 구성 분석(?:${SCA})?`),
  ],
  iast: [
    named(`(?:runtime )?code analysis(?:${IAST})?`),
    named('iast'),
    named('code security'),
    'Application Vulnerability Management',
    named(`コードセキュリティ|sécurité du code|seguridad del código|코드 보안`),
    named(`análisis de código en tiempo de ejecución(?:${IAST})?|analyse du code (?:à l'exécution|runtime)(?:${IAST})?|런타임 코드 분석(?:${IAST})?`),
  ],
  'exploit-prevention': [named('exploit prevention|prévention des exploits|prevención de exploits|익스플로잇 방지')],
  'blocking-response': [
    'Customize response to blocked requests',
    'ブロックされたリクエストへの対応をカスタマイズする',
    'Personnaliser la réponse aux requêtes bloquées',
    'Personalizar la respuesta a las solicitudes bloqueadas',
    '차단된 요청에 대한 응답 사용자 지정',
  ],
  'user-activity-tracking': [
    'Automatic user activity event tracking',
    'ユーザーアクティビティイベントの自動追跡',
    "Suivi automatique des événements d'activité des utilisateurs",
    'Rastreo automático de los eventos de actividad de los usuarios',
    'Seguimiento automático de eventos de actividad de usuarios',
    '자동 사용자 활동 이벤트 추적',
  ],
  'user-activity-tracking-deprecated': ['/^automatic user activity event tracking \\(deprecated modes?\\)$/'],
  'attacker-fingerprinting': [named('attacker fingerprinting')],
};

const deployment = {
  docker: ['Docker'],
  kubernetes: ['Kubernetes', 'K8s'],
  'amazon-ecs': ['Amazon ECS', 'AWS ECS', 'ECS'],
  'aws-fargate': ['AWS Fargate', 'Fargate', 'Amazon ECS on AWS Fargate'],
  'aws-lambda': ['AWS Lambda', 'Lambda'],
  'azure-app-service': ['Azure App Service'],
  'azure-functions': ['Azure Functions'],
  'azure-container-apps': ['Azure Container Apps'],
  'google-cloud-run': ['Google Cloud Run', 'Cloud Run'],
  'google-cloud-functions': ['Google Cloud Functions'],
  'google-app-engine': ['Google App Engine'],
  'google-kubernetes-engine': ['Google Kubernetes Engine', 'GKE'],
  'amazon-eks': ['Amazon EKS', 'EKS'],
  'amazon-ec2': ['Amazon EC2', 'EC2'],
  'azure-kubernetes-service': ['Azure Kubernetes Service', 'AKS'],
  host: ['Host', 'Hosts', 'Bare metal', 'VM', 'Virtual machine'],
};

const lang = {
  java: ['Java'],
  dotnet: ['.NET', 'dotnet'],
  'dotnet-core': ['.NET Core'],
  'dotnet-framework': ['.NET Framework'],
  nodejs: ['Node.js', 'NodeJS', 'Node'],
  python: ['Python'],
  go: ['Go', 'Golang'],
  ruby: ['Ruby'],
  php: ['PHP'],
  cpp: ['C++'],
  rust: ['Rust'],
  kotlin: ['Kotlin'],
  swift: ['Swift'],
  elixir: ['Elixir'],
};

// Headers of value columns that name an attribute rather than a capability.
const attribute = {
  'min-version': [
    '/^minimum .*version$/',
    '/^min(?:imum)?\\.? (?:tracer |library |sdk )?version$/',
    '/最小バージョン$/',
    '/最低バージョン$/',
    '/^version minimale/',
    '/^versión mínima/',
    '/최소 .*버전$/',
  ],
  versions: [
    'Versions',
    'Version',
    'Supported Version',
    'Supported Versions',
    'Framework Versions',
    'Minimum Framework Version',
    'Library Versions',
    'バージョン',
    'サポート対象のバージョン',
    'サポートされるバージョン',
    'フレームワークバージョン',
    'Versions prises en charge',
    'Version prise en charge',
    'Versiones',
    'Versión compatible',
    'Versiones compatibles',
    '버전',
    '지원 버전',
  ],
  automatic: ['Automatic', 'Automatic instrumentation', '自動', 'Automatique', 'Automático', '자동'],
  docs: [
    'Library Documentation',
    'Documentation',
    'ライブラリドキュメント',
    'Documentation de la bibliothèque',
    'Documentación de la biblioteca',
    '라이브러리 설명서',
    '/^godoc datadog documentation$|^documentation godoc de datadog$|^documentación de godoc datadog$|^godoc datadog ドキュメント$/',
    '/^examples and documentation$|^exemples et documentation$|^ejemplos y documentación$|^例とドキュメント$|^예제 및 설명서$/',
  ],
  'support-level': ['Support level', 'サポートレベル', 'Niveau de support', 'Niveau de prise en charge', 'Nivel de soporte', 'Nivel de soporte técnico', 'Nivel de compatibilidad', '지원 수준', '지원 레벨'],
  // The tracing pages' runtime, architecture and integration tables.
  'support-type': ['Support Type', 'サポートの種類', 'サポートタイプ', 'Type de prise en charge', 'Tipo de soporte', 'Tipo de soporte técnico', '지원 유형'],
  'package-version': ['Package version', 'パッケージバージョン', 'Version du package', 'Versión del paquete', 'Paquete versión', '패키지 버전'],
  'vendor-eol': ['Microsoft End of Life', 'Fin del soporte de Microsoft', 'Fin de vie Microsoft', 'Fin de vie de Microsoft', 'Microsoft のサポート終了', 'Microsoft 지원 종료'],
  'datadog-eol': ['Datadog End of Life', 'Fin del soporte de Datadog', 'Fin de vie Datadog', 'Datadog のサポート終了', 'Datadog 지원 종료'],
  'nuget-package': ['NuGet package', 'NuGet パッケージ', 'Paquete NuGet', 'Package NuGet', 'NuGet 패키지'],
  'integration-name': ['Integration Name', 'インテグレーション名', 'Nombre de la integración', "Nom de l'intégration", '통합 이름'],
  'instrumentation-level': ['Instrumentation level', 'インスツルメンテーションレベル', "Niveau d'instrumentation", 'Nivel de instrumentación', '계측 레벨'],
  instructions: ['Specific instructions', 'Instrucciones específicas', 'Instructions spécifiques', '特定の手順'],
  'support-provided': ['Support provided', 'サポート内容', 'Compatibilidad dada', 'Asistencia prestada', 'Prise en charge fournie', '제공 지원'],
  'min-agent': ['Minimum Datadog Agent', 'Minimum Agent version', 'Datadog Agent の最小バージョン'],
  cpu: ['CPU', 'Architectures', 'Architecture', 'アーキテクチャ'],
  runtime: ['Runtime', 'ランタイム', 'Environnement d’exécution'],
  'runtime-version': ['Runtime version', 'Runtime versions', 'ランタイムバージョン', 'Version du runtime'],
  'library-versions': ['/^support(?:ed)? ddtrace versions?$/', '/^versions? de ddtrace/', '/^versiones de ddtrace/', '/^ddtrace のバージョン/', '/^(?:supported )?(?:tracer|library) versions?$/', 'Tracer version'],
  'operating-systems': ['Operating Systems', 'Operating System', 'OS', 'オペレーティングシステム'],
  'min-os-version': ['Minimum Versions', 'Minimum OS version'],
};

const section = {
  web: ['/^web framework/', '/^supported frameworks?$/', '/^web フレームワーク/', '/^frameworks? web/', '/^marcos? web/', '/^웹 프레임워크/'],
  networking: ['/^networking framework/', '/ネットワーキング/', '/^frameworks? réseau/', '/^marcos? de red/'],
  datastore: ['/^data ?stores? compatibility$/', '/^datastore/', '/^database/', '/データストア/', '/^compatibilité des (?:banques|magasins) de données/', '/^compatibilidad de almacenes de datos/', '/데이터 스토어/'],
  library: ['/^library compatibility$/', '/^supported libraries$/', '/^ライブラリの互換性$/', '/^compatibilité des bibliothèques/', '/^compatibilidad de bibliotecas/'],
  'user-auth': ['/^user authentication frameworks?/', '/ユーザー認証/'],
  'messaging': ['/^messaging|^message queue/'],
};

// Support levels of release branches, so that translated levels compare.
const supportLevel = {
  ga: ['General Availability', 'GA', 'Generally available', '一般提供', 'Disponibilité générale', 'Disponibilidad general', 'Disponible para el público en general', '정식 출시', '일반 사용 가능', '일반 가용성'],
  maintenance: ['Maintenance', 'メンテナンス', 'Mantenimiento', '유지 관리', '유지보수'],
  eol: ['End of Life', 'End-of-Life', 'EOL', 'サポート終了', 'Fin de vie', 'Fin de vida', 'Fin del soporte (EOL)', 'Fin del soporte', 'Fin de cycle de vie', '지원 종료'],
  beta: ['Beta', 'Public Beta', 'ベータ'],
};

const RUNTIME = '(?:jvm|runtime|python|node\\.?js|ruby|php|go|\\.net(?: core| framework)?|java)';

const capabilityKeyHeader = [
  '/capabilit(?:y|ies)$/',
  '/^funci(?:ó|o)n(?:es)? de (?:la )?(?:seguridad|protección)/',
  '/^(?:app and api protection|aap|application security|code security|asm) capabilit/',
  '/機能$/',
  '/^fonctionnalités?/',
  '/^capacidad(?:es)?/',
  '/^funcionalidad(?:es)?/',
  '/기능$/',
];

// The Python tracing page's rows by the PyPI package dd-trace-py tests for each: the package is the
// term, the page's row names (and the other packages that are the same row) its aliases. A package
// no alias names is a row of its own name (`django`), so a test dependency such as
// `pytest-asyncio` (of the `asyncio` integration) names no row rather than the wrong one.
const ddTracePyRows = {
  aiohttp: ['aiohttp (client)', 'aiohttp (server)'],
  elasticsearch: ['Elasticsearch', 'elastic-transport', 'elasticsearch1', 'elasticsearch2', 'elasticsearch5', 'elasticsearch6', 'elasticsearch7'],
  'flask-cache': ['Flask Cache', 'flask-caching'],
  'confluent-kafka': ['Kafka confluent-kafka'],
  pylibmc: ['Memcached pylibmc'],
  pymemcache: ['Memcached pymemcache'],
  mongoengine: ['MongoDB Mongoengine'],
  pymongo: ['MongoDB Pymongo'],
  'mysql-python': ['MySQL MySQL-python'],
  mysqlclient: ['MySQL mysqlclient'],
  aiomysql: ['MySQL aiomysql'],
  'mysql-connector-python': ['MySQL mysql-connector'],
  aiopg: ['Postgres aiopg'],
  psycopg: ['Postgres psycopg', 'psycopg2-binary', 'psycopg2'],
  'redis-py-cluster': ['Redis redis-py-cluster'],
  aioredis: ['Redis aioredis'],
  aredis: ['Redis aredis'],
  yaaredis: ['Redis yaaredis'],
  'vertica-python': ['Vertica'],
  'cassandra-driver': ['Cassandra'],
  'python-consul': ['Consul'],
  'dogpile-cache': ['dogpile.cache', 'dogpile_cache'],
  grpcio: ['Grpc'],
  'aiohttp-jinja2': ['Jinja2 aiohttp-jinja2', 'aiohttp_jinja2'],
  boto: ['Boto2'],
};

// dd-trace-py's facts are about the Python tracer's integrations: the `Supported Version` column
// of the tracing page's integrations tables (`product`: App and API Protection's pages list
// their own minimums for the same frameworks). A page range that leaves out a tested version is
// wrong under any policy; a documented minimum below the tested one may be the team's policy
// (supported is not always tested), so it is a warning.
const ddTracePyFacts = { integration: 'dependency', attribute: "'versions'", lang: "'python'", product: "'tracing/trace_collection'" };
const ddTracePyRelations = { covers: 'error', 'min-not-below': 'warn' } as const;

export const datadogPreset: UserConfig = {
  include: ['content/**/*.md'],
  site: {
    content: 'content',
    locales: ['en', 'ja', 'fr', 'ko', 'es'],
    defaultLocale: 'en',
    layouts: 'layouts',
    static: 'static',
    // The site's image shortcodes take `src` under /images/ (static/images/...).
    shortcodeLinks: [
      { shortcode: 'img', param: 'src', kind: 'image', base: '/images/' },
      { shortcode: 'image-card', param: 'src', kind: 'image', base: '/images/' },
      { shortcode: 'image-card', param: 'href', kind: 'link' },
    ],
    // Tab bodies are rendered on their own (`.Inner | markdownify`): each tab needs its own `[1]: ...`.
    scopedShortcodes: ['tab'],
  },
  values: statusWords,
  pageDimensions: {
    lang: { frontMatter: 'code_lang' },
    product: { path: '^(.+?)/compatibility(?:/|$)' },
  },
  vocabulary: { capability, deployment, lang, attribute, section, 'support-level': supportLevel },
  tables: [
    {
      id: 'capability-versions',
      description: 'the minimum library version (or status) of each capability, on a language page',
      match: { keyHeader: capabilityKeyHeader, columns: ['@attribute'] },
      key: 'capability',
      columns: 'attribute',
      pageDimensions: ['lang'],
      columnTypes: { 'min-version': 'version', '*': 'text' },
    },
    {
      id: 'capability-matrix',
      description: 'capabilities by language, with the minimum library version of each',
      match: { keyHeader: capabilityKeyHeader, minColumns: 2 },
      key: 'capability',
      columns: 'lang',
      constants: { attribute: 'min-version' },
      columnTypes: { '*': 'version' },
    },
    {
      id: 'deployment-support',
      description: 'which capabilities each deployment type supports',
      // Most row keys must be deployment types: a `Type` table listing languages is something else.
      match: {
        keyHeader: ['Type', 'Deployment type', 'Deployment', 'タイプ', 'デプロイメントタイプ', 'Tipo', 'Type de déploiement', '유형', '배포 유형'],
        keys: 0.5,
      },
      key: 'deployment',
      columns: 'capability',
      pageDimensions: ['lang'],
      constants: { attribute: 'support' },
      columnTypes: { '*': 'status' },
    },
    {
      id: 'deployment-languages',
      description: 'which capabilities each language supports on the deployment type the heading names (`## AWS Lambda`)',
      match: {
        keyHeader: ['Type', 'Language', 'Languages', 'タイプ', '言語', 'Tipo', 'Langage', 'Lenguaje', '유형', '언어'],
        heading: ['@deployment'],
        keys: 0.5,
      },
      key: 'lang',
      columns: 'capability',
      section: 'deployment',
      constants: { attribute: 'support' },
      columnTypes: { '*': 'status' },
    },
    {
      id: 'release-branches',
      description: 'the support level of each release branch of a library',
      match: { keyHeader: ['Release', 'Releases', 'リリース', 'Version', 'Versión', 'Versión de lanzamiento', '릴리스'], columns: ['@attribute'] },
      key: 'release',
      keyType: 'version-range',
      columns: 'attribute',
      pageDimensions: ['lang'],
      valueVocabulary: { 'support-level': 'support-level' },
      columnTypes: { '*': 'text', 'min-agent': 'version' },
    },
    {
      id: 'runtime-versions',
      description: 'the runtime versions (JVM, Python...) a library supports',
      match: {
        keyHeader: [
          `/^${RUNTIME} versi(?:on|ón)(?:s|es)?$/`,
          `/^versi(?:on|ón)(?:s|es)? (?:de |du |del )?${RUNTIME}$/`,
          `/^${RUNTIME} ?(?:バージョン|버전)$/`,
          '/ランタイムバージョン$/',
        ],
        minColumns: 0,
      },
      key: 'runtime-range',
      keyType: 'version-range',
      columns: 'attribute',
      // Which library version a runtime needs can differ between products (an extra module).
      pageDimensions: ['lang', 'product'],
      valueVocabulary: { 'support-level': 'support-level' },
      columnTypes: { '*': 'text' },
    },
    {
      id: 'architectures',
      description: 'the processor architectures a tracer supports, with the support level and first package version of each',
      match: {
        keyHeader: ['Processor architectures', 'Processor architecture', 'プロセッサアーキテクチャー', 'プロセッサアーキテクチャ', 'Architectures de processeur', 'Arquitecturas de procesadores', '프로세서 아키텍처'],
        minColumns: 0,
      },
      key: 'architecture',
      columns: 'attribute',
      pageDimensions: ['lang', 'product'],
      valueVocabulary: { 'support-level': 'support-level' },
      columnTypes: { '*': 'text' },
    },
    {
      id: 'agent-versions',
      description: 'the tracer package versions each Datadog Agent version works with',
      match: {
        keyHeader: ['Datadog Agent version', 'Datadog Agent versions', 'Datadog Agent バージョン', 'Versión del Datadog Agent', "Version de l'Agent Datadog", 'Datadog Agent 버전'],
        minColumns: 0,
      },
      key: 'agent-version',
      keyType: 'version-range',
      columns: 'attribute',
      pageDimensions: ['lang', 'product'],
      columnTypes: { '*': 'text' },
    },
    {
      id: 'support-levels',
      description: 'what each support level (GA, Maintenance, EOL) provides, the legend of a tracing page',
      // `Level` alone says little: the `Support provided` column makes it the legend.
      match: { keyHeader: ['Level', 'Support level', 'レベル', 'Nivel', 'Niveau', '레벨'], columns: ['/^(?:support provided|サポート内容|compatibilidad dada|asistencia prestada|prise en charge fournie|제공 지원)$/'] },
      key: 'support-level',
      columns: 'attribute',
      pageDimensions: ['lang', 'product'],
      columnTypes: { '*': 'text' },
    },
    {
      id: 'platforms',
      description: 'the operating systems and CPUs a library runs on, per library version',
      match: { keyHeader: ['OS', 'Operating System', 'Operating Systems', 'オペレーティングシステム', "Système d'exploitation", 'Sistema operativo', '운영 체제'], minColumns: 1 },
      key: 'os',
      columns: 'attribute',
      extraKeys: ['library-versions'],
      pageDimensions: ['lang'],
      columnTypes: { '*': 'text' },
    },
    {
      id: 'integrations',
      description: 'the frameworks, data stores and libraries a library supports, with versions',
      match: {
        keyHeader: [
          'Framework',
          'Frameworks',
          'Database',
          'Datastore',
          'Data store',
          'Library',
          'Module',
          'Framework or library',
          'SAPI',
          'Integration',
          'Server',
          'フレームワーク',
          'データストア',
          'ライブラリ',
          'データベース',
          'フレームワークまたはライブラリ',
          'モジュール',
          'Framework web',
          'Framework ou bibliothèque',
          'Bibliothèque',
          'Base de données',
          'Marco',
          'Biblioteca',
          'Marco o biblioteca',
          'Módulo',
          'Base de datos',
          '프레임워크',
          '모듈',
          '라이브러리',
          '데이터베이스',
        ],
      },
      key: 'integration',
      columns: ['attribute', 'capability'],
      pageDimensions: ['lang', 'product'],
      section: 'section',
      columnTypes: {
        '*': 'status',
        versions: 'text',
        docs: 'text',
        automatic: 'text',
        'min-version': 'version',
        'support-type': 'text',
        'nuget-package': 'text',
        'integration-name': 'text',
        'instrumentation-level': 'text',
        instructions: 'text',
      },
    },
  ],
  checks: [
    {
      type: 'capability-deployments',
      capabilities: ['capability-versions', 'capability-matrix'],
      deployments: ['deployment-support'],
      join: ['lang', 'capability'],
    },
  ],
  translation: { frontMatterKeys: ['type', 'code_lang', 'code_lang_weight'] },
  truthMappings: {
    'dd-trace-py-supported-versions': {
      description: "dd-trace-py's supported_versions.json: per integration and package, per Python version, the package versions tested",
      // The standard library's own modules (`stdlib.logging`) have no package versions.
      where: "!starts_with(dependency || '', 'stdlib.')",
      dimensions: ddTracePyFacts,
      versions: {
        min: 'values(python_versions)[].minimum_package_version',
        max: 'values(python_versions)[].maximum_package_version',
        tested: 'values(python_versions)[].tested_versions[]',
      },
      syntax: 'pep440',
      relations: ddTracePyRelations,
      vocabulary: { integration: ddTracePyRows },
    },
    'dd-trace-py-registry': {
      description: "dd-trace-py's integration registry (scripts/integration_registry/registry.yaml): per tested integration and package, the lowest and highest version tested",
      records: 'integrations[?is_tested && tested_versions_by_dependency]',
      entries: 'tested_versions_by_dependency',
      dimensions: { ...ddTracePyFacts, integration: 'key' },
      versions: { min: 'value.min', max: 'value.max' },
      syntax: 'pep440',
      relations: ddTracePyRelations,
      vocabulary: { integration: ddTracePyRows },
    },
  },
  // The docs build pulls some pages (integrations, API reference) from other repositories, so a
  // checkout lacks pages that the published site has: a missing page is a warning there.
  rules: {
    'link-page-missing': 'warn',
    // A compatibility page's tables are its facts: one that no kind recognizes is checked by nothing.
    'table-unrecognized': { severity: 'warn', options: { files: ['content/**/compatibility/**/*.md'] } },
  },
  overrides: [
    {
      files: ['content/**/compatibility/**/*.md'],
      frontMatter: { schema: 'schemas/datadog/compatibility-page.schema.json' },
    },
  ],
};
