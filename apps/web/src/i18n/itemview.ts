/** Strings of the item page's evidence, OCR, provenance, related items and fact-check sections. */
export const itemviewEn = {
  'itemview.evidenceNote': 'Marked: the evidence behind the flags below (hover for the label).',
  'itemview.ocr': 'Text read from the images (OCR)',
  'itemview.provenance': 'Where it came from',
  'itemview.origin': 'This item is the first seen in its story.',
  'itemview.takenFrom': 'Taken from {source} ({relation}), {lag} later.',
  'itemview.firstSeen': 'The story was first seen at {source} on {time}.',
  'itemview.noStory': 'No copy, rewrite or translation of this item was found.',
  'itemview.related': 'Copies, rewrites and translations',
  'itemview.relatedMore': '{n} more in the story.',
  'itemview.storyGraph': 'Open the story and its provenance graph',
  'itemview.claims': 'Fact-checks this item may repeat',
  'itemview.claimScore': 'match {pct}',
  'itemview.claimsNote':
    'A match means shared wording, names and numbers, not that the item makes the claim: read both.',
  'itemview.lagMinutes': '{n} min',
  'itemview.lagHours': '{n} h',
  'itemview.lagDays': '{n} days',
} as const;

export const itemviewRu: Record<keyof typeof itemviewEn, string> = {
  'itemview.evidenceNote': 'Выделено: основания для отметок ниже (наведите курсор, чтобы увидеть метку).',
  'itemview.ocr': 'Текст, распознанный на изображениях (OCR)',
  'itemview.provenance': 'Откуда это',
  'itemview.origin': 'Этот материал — первый замеченный в своём сюжете.',
  'itemview.takenFrom': 'Взято из {source} ({relation}), спустя {lag}.',
  'itemview.firstSeen': 'Сюжет впервые замечен у {source}, {time}.',
  'itemview.noStory': 'Копий, переработок и переводов этого материала не найдено.',
  'itemview.related': 'Копии, переработки и переводы',
  'itemview.relatedMore': 'Ещё {n} в сюжете.',
  'itemview.storyGraph': 'Открыть сюжет и граф его происхождения',
  'itemview.claims': 'Проверенные утверждения, которые может повторять материал',
  'itemview.claimScore': 'совпадение {pct}',
  'itemview.claimsNote':
    'Совпадение означает общие слова, имена и числа, а не то, что материал утверждает то же самое: прочтите оба.',
  'itemview.lagMinutes': '{n} мин',
  'itemview.lagHours': '{n} ч',
  'itemview.lagDays': '{n} дн.',
};

export const itemviewTg: Record<keyof typeof itemviewEn, string> = {
  'itemview.evidenceNote': 'Ҷудокардашуда: далелҳои қайдҳои поён (барои дидани нишона курсорро нигоҳ доред).',
  'itemview.ocr': 'Матни аз тасвирҳо хондашуда (OCR)',
  'itemview.provenance': 'Аз куҷо омадааст',
  'itemview.origin': 'Ин мавод аввалин маводи дидашудаи қиссаи худ аст.',
  'itemview.takenFrom': 'Аз {source} гирифта шудааст ({relation}), {lag} баъд.',
  'itemview.firstSeen': 'Қисса бори аввал дар {source}, {time} дида шуд.',
  'itemview.noStory': 'Нусха, таҳрир ё тарҷумаи ин мавод ёфт нашуд.',
  'itemview.related': 'Нусхаҳо, таҳрирҳо ва тарҷумаҳо',
  'itemview.relatedMore': 'Боз {n} дар қисса.',
  'itemview.storyGraph': 'Кушодани қисса ва графи пайдоиши он',
  'itemview.claims': 'Иддаоҳои санҷидашуда, ки ин мавод метавонад такрор кунад',
  'itemview.claimScore': 'мутобиқат {pct}',
  'itemview.claimsNote':
    'Мутобиқат маънои калимаҳо, номҳо ва рақамҳои умумиро дорад, на ин ки мавод ҳамин иддаоро мекунад: ҳардуро хонед.',
  'itemview.lagMinutes': '{n} дақ',
  'itemview.lagHours': '{n} соат',
  'itemview.lagDays': '{n} рӯз',
};
