/** Strings of the export control on the items page (ogoh export from the dashboard). */
export const exportsEn = {
  'exports.button': 'Export',
  'exports.format': 'Format',
  'exports.tlp': 'Marking (TLP)',
  'exports.download': 'Download',
  'exports.hint':
    'Exports the items the filters above select (up to {n}) with their detections. TLP:RED exports need the analyst role.',
  'exports.storyHint':
    'Exports the items of this story (copies, rewrites and translations) with their detections; GEXF gives the network of who shared them.',
  'exports.caseTlp': 'The case marking',
  'exports.caseHint':
    'Exports the case evidence and notes. The case marking applies; you can only choose a stricter one. A ClaimReview needs a published case.',
  'exports.format.stix': 'STIX 2.1 bundle (OpenCTI, DISARM)',
  'exports.format.misp': 'MISP event',
  'exports.format.claimreview': 'ClaimReview (fact checks, JSON-LD)',
  'exports.format.csv': 'CSV (spreadsheet)',
  'exports.format.jsonl': 'JSON Lines',
  'exports.format.gexf': 'GEXF sharing network (Gephi)',
} as const;

export const exportsRu: Record<keyof typeof exportsEn, string> = {
  'exports.button': 'Экспорт',
  'exports.format': 'Формат',
  'exports.tlp': 'Гриф (TLP)',
  'exports.download': 'Скачать',
  'exports.hint':
    'Выгружает материалы, отобранные фильтрами выше (не больше {n}), вместе с находками. Экспорт с грифом TLP:RED доступен только аналитикам.',
  'exports.storyHint':
    'Выгружает материалы этого сюжета (копии, пересказы и переводы) с находками; GEXF даёт сеть тех, кто их распространял.',
  'exports.caseTlp': 'Гриф дела',
  'exports.caseHint':
    'Выгружает доказательства и заметки дела. Действует гриф дела; можно выбрать только более строгий. Для ClaimReview дело должно быть опубликовано.',
  'exports.format.stix': 'Пакет STIX 2.1 (OpenCTI, DISARM)',
  'exports.format.misp': 'Событие MISP',
  'exports.format.claimreview': 'ClaimReview (проверки фактов, JSON-LD)',
  'exports.format.csv': 'CSV (таблица)',
  'exports.format.jsonl': 'JSON Lines',
  'exports.format.gexf': 'Сеть распространения GEXF (Gephi)',
};

export const exportsTg: Record<keyof typeof exportsEn, string> = {
  'exports.button': 'Содир кардан',
  'exports.format': 'Шакл',
  'exports.tlp': 'Тамғаи маҳдудият (TLP)',
  'exports.download': 'Боргирӣ',
  'exports.hint':
    'Маводҳоеро, ки филтрҳои боло интихоб кардаанд (то {n}), бо бозёфтҳояшон содир мекунад. Содироти TLP:RED танҳо ба таҳлилгарон иҷозат дода мешавад.',
  'exports.storyHint':
    'Маводҳои ин сюжетро (нусхаҳо, бозгӯиҳо ва тарҷумаҳо) бо бозёфтҳояшон содир мекунад; GEXF шабакаи паҳнкунандагони онҳоро медиҳад.',
  'exports.caseTlp': 'Тамғаи парванда',
  'exports.caseHint':
    'Далелҳо ва қайдҳои парвандаро содир мекунад. Тамғаи парванда амал мекунад; танҳо тамғаи сахттарро интихоб кардан мумкин аст. Барои ClaimReview парванда бояд нашр шуда бошад.',
  'exports.format.stix': 'Бастаи STIX 2.1 (OpenCTI, DISARM)',
  'exports.format.misp': 'Ҳодисаи MISP',
  'exports.format.claimreview': 'ClaimReview (санҷиши далелҳо, JSON-LD)',
  'exports.format.csv': 'CSV (ҷадвал)',
  'exports.format.jsonl': 'JSON Lines',
  'exports.format.gexf': 'Шабакаи паҳншавӣ GEXF (Gephi)',
};
