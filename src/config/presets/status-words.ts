import type { ValueVocabulary } from '../../model/values.js';

/**
 * Status words of docs written in Japanese, French, Spanish and Korean, plus the English ones
 * the built-in list lacks: what the `datadog` preset adds to the built-in values, and the words
 * `init` recognizes in a tree's cells.
 */
export const statusWords: Pick<ValueVocabulary, 'supported' | 'unsupported' | 'preview'> = {
  supported: ['はい', '対応', 'サポート対象', '完全対応', 'Oui', 'Entièrement pris en charge', 'Sí', 'Totalmente compatible', '예', '지원', '완전 지원'],
  unsupported: [
    'N/A',
    'not applicable',
    'support pending',
    'not yet supported',
    'いいえ',
    '非対応',
    'サポート対象外',
    'Non',
    'Non pris en charge',
    'No compatible',
    'No soportado',
    '아니요',
    '미지원',
    '지원되지 않음',
  ],
  preview: ['プレビュー', 'ベータ', 'Aperçu', 'Version bêta', 'Vista previa', '미리 보기', '베타'],
};
